using System.ComponentModel.DataAnnotations;

namespace PublicServices.Documents;

/// <summary>Bound from the "Documents" section and validated on start.</summary>
public sealed class DocumentsOptions
{
    public const string Section = "Documents";

    /// <summary>How long an upload that no dossier claims is kept.</summary>
    public TimeSpan UnattachedTtl { get; set; } = TimeSpan.FromHours(24);
    /// <summary>How long a Pending row (an upload in flight) may live before the sweep treats it as abandoned.</summary>
    public TimeSpan PendingUploadTimeout { get; set; } = TimeSpan.FromHours(2);
    /// <summary>
    /// How long after attaching the dossiers service may still hand uploads back (a submission that failed after
    /// attaching does so at once). Older attachments belong to a stored dossier and are never released, so the sweep
    /// can never delete a dossier's documents.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ReleaseWindow { get; set; } = TimeSpan.FromMinutes(10);
    /// <summary>How often each replica runs the expiry sweep.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(5);
    /// <summary>Lifetime of the URLs from GET /api/documents/{id}/link.</summary>
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromMinutes(5);
    /// <summary>HMAC key for the local adapter's signed links; shared by every replica through configuration.</summary>
    [Required, MinLength(32)]
    public string LinkSigningKey { get; set; } = "";
    /// <summary>The largest officer's file (POST /api/documents/officer-files); the portal states the same limit.</summary>
    [Range(1, long.MaxValue)]
    public long OfficerFileBytes { get; set; } = 20 * 1024 * 1024;
    /// <summary>Optional public base address for signed links (e.g. the gateway); the request's own address otherwise.</summary>
    public string? PublicBaseUrl { get; set; }
}
