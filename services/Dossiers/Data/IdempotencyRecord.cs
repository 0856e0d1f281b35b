namespace PublicServices.Dossiers.Data;

/// <summary>
/// An applicant's Idempotency-Key and the dossier it produced. The key is unique per applicant, which is what
/// makes a concurrent duplicate fail on insert and return the winner's dossier instead.
/// </summary>
public sealed class IdempotencyRecord
{
    public required string ApplicantId { get; set; }
    public required string Key { get; set; }
    /// <summary>SHA-256 of the request body: the same key with another body is refused.</summary>
    public required string RequestHash { get; set; }
    public Guid DossierId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
