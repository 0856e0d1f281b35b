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
    /// <summary>
    /// The slowest an upload's body may arrive (bytes per second), checked by Kestrel after <see cref="MinUploadRateGrace"/>:
    /// a client that trickles is cut off instead of holding its buffers for hours.
    /// </summary>
    [Range(1, int.MaxValue)]
    public int MinUploadBytesPerSecond { get; set; } = 1024;
    /// <summary>How long an upload may start slower than <see cref="MinUploadBytesPerSecond"/> (more than one second: Kestrel's tick).</summary>
    public TimeSpan MinUploadRateGrace { get; set; } = TimeSpan.FromSeconds(10);
    /// <summary>Uploads one user may have in flight at once, across every replica (PostgreSQL advisory locks).</summary>
    [Range(1, 100)]
    public int UploadsPerUser { get; set; } = 2;
    /// <summary>
    /// Bytes one user may keep in uploads no dossier has claimed yet (they expire after <see cref="UnattachedTtl"/>);
    /// documents attached to a dossier do not count.
    /// </summary>
    [Range(1, long.MaxValue)]
    public long UnattachedBytesPerUser { get; set; } = 200L * 1024 * 1024;
    /// <summary>
    /// Uploads one process streams at once: each may hold two S3 part buffers (2 × Storage:S3:PartSize), so this caps
    /// their memory. A further upload waits <see cref="UploadQueueWait"/>, then gets 503 with <see cref="BusyRetryAfter"/>.
    /// </summary>
    [Range(1, 10_000)]
    public int UploadsPerProcess { get; set; } = 8;
    /// <summary>How long an upload waits for one of the process's <see cref="UploadsPerProcess"/> places.</summary>
    public TimeSpan UploadQueueWait { get; set; } = TimeSpan.FromSeconds(2);
    /// <summary>The Retry-After of the 503 an upload gets when the process is full.</summary>
    public TimeSpan BusyRetryAfter { get; set; } = TimeSpan.FromSeconds(10);
    /// <summary>Optional public base address for signed links (e.g. the gateway); the request's own address otherwise.</summary>
    public string? PublicBaseUrl { get; set; }
}
