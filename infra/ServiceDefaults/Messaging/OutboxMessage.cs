namespace PublicServices.ServiceDefaults.Messaging;

/// <summary>
/// An event other services must learn, written in the same transaction as the change it describes and delivered
/// at least once by <see cref="OutboxDispatcher{TDb}"/> (consumers are idempotent on <see cref="Id"/>).
/// </summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; }
    /// <summary>Event name with its schema version, e.g. "DossierSubmitted.v1".</summary>
    public required string Type { get; set; }
    /// <summary>The payload as JSON text.</summary>
    public required string Payload { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    /// <summary>
    /// What delivery keeps the order within: the payload's <c>dossierId</c> (as <see cref="EventEnvelope.OrderKey"/>),
    /// computed by the database; null when the payload names no dossier.
    /// </summary>
    public string? OrderKey { get; set; }
    /// <summary>When the consumer acknowledged it (2xx); null while undelivered.</summary>
    public DateTimeOffset? DispatchedAt { get; set; }
    /// <summary>Delivery attempts made so far, the successful one included.</summary>
    public int Attempts { get; set; }
    /// <summary>Not retried before this instant (backoff); null when due at once.</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }
    public string? LastError { get; set; }
    /// <summary>The consumer refused it for good (a 4xx other than 408/429): kept for a person to look at, never retried.</summary>
    public bool Poisoned { get; set; }
}
