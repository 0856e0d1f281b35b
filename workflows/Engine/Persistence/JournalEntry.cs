namespace PublicServices.WorkflowEngine.Persistence;

/// <summary>One line of an instance's history: a step, with who caused it and when.</summary>
public sealed class JournalEntry
{
    public Guid InstanceId { get; set; }
    public long Seq { get; set; }
    public string? ActivityId { get; set; }
    public string? ActivityType { get; set; }
    /// <summary>What happened: a name from the runtime's journal events (WorkflowStarted, ActivityExecuted, …) or a module's.</summary>
    public string Event { get; set; } = "";
    public string? ActorId { get; set; }
    public string? ActorName { get; set; }
    public DateTimeOffset At { get; set; }
    /// <summary>Details (JSON object), e.g. the outcome and comment of a task.</summary>
    public string? Data { get; set; }
}
