namespace PublicServices.Workflows.Persistence;

/// <summary>One line of an instance's history: a step, with who caused it and when.</summary>
public sealed class JournalEntry
{
    public Guid InstanceId { get; set; }
    public long Seq { get; set; }
    public string? ActivityId { get; set; }
    public string? ActivityType { get; set; }
    /// <summary>See <see cref="Runtime.JournalEvents"/>.</summary>
    public string Event { get; set; } = "";
    public string? ActorId { get; set; }
    public string? ActorName { get; set; }
    public DateTimeOffset At { get; set; }
    /// <summary>Details (JSON object), e.g. the outcome and comment of a task.</summary>
    public string? Data { get; set; }
}
