namespace PublicServices.WorkflowEngine.Persistence;

/// <summary>A point in time something waits for: a Delay/Timer activity, or the escalation of a task.</summary>
public sealed class WorkflowTimer
{
    public Guid Id { get; set; }
    public Guid InstanceId { get; set; }
    public string ActivityId { get; set; } = "";
    public TimerKind Kind { get; set; }
    /// <summary>The task an escalation timer belongs to (its id is the task's id).</summary>
    public Guid? TaskId { get; set; }
    public DateTimeOffset DueAt { get; set; }
    /// <summary>While set and in the future, a poller has claimed the timer; another replica leaves it alone.</summary>
    public DateTimeOffset? LeaseUntil { get; set; }
}

/// <summary>What a due timer does.</summary>
public enum TimerKind
{
    /// <summary>Resumes the waiting activity.</summary>
    Resume = 0,
    /// <summary>A task's budget ran out: journal it and notify, the task stays open.</summary>
    Escalation = 1,
}
