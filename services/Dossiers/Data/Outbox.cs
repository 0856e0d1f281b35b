namespace PublicServices.Dossiers.Data;

/// <summary>
/// An event other services must learn, written in the same transaction as the change it describes and delivered
/// at least once by a dispatcher (consumers are idempotent on <see cref="Id"/>).
/// </summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; }
    /// <summary>Event name with its schema version, e.g. "DossierSubmitted.v1".</summary>
    public required string Type { get; set; }
    public required string Payload { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public DateTimeOffset? DispatchedAt { get; set; }
}

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

/// <summary>The last sequence number issued for an agency on one (Vietnamese) day.</summary>
public sealed class DailyCounter
{
    public required string AgencyCode { get; set; }
    public DateOnly Day { get; set; }
    public long Value { get; set; }
}
