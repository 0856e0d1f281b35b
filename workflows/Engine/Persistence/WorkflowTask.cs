namespace PublicServices.WorkflowEngine.Persistence;

/// <summary>A human task in an inbox: created by a task wait, consumed exactly once by its completion.</summary>
public sealed class WorkflowTask
{
    public Guid Id { get; set; }
    public Guid InstanceId { get; set; }
    public string ActivityId { get; set; } = "";
    /// <summary>The organisational unit whose people may act on it.</summary>
    public string Unit { get; set; } = "";
    /// <summary>The role they must have.</summary>
    public string Role { get; set; } = "";
    /// <summary>Allowed outcome names (JSON array).</summary>
    public string Outcomes { get; set; } = "[]";
    public string TitleVi { get; set; } = "";
    public string TitleEn { get; set; } = "";
    /// <summary>The instance's reference when the task was created.</summary>
    public string? Reference { get; set; }
    public string? CorrelationId { get; set; }
    public WorkflowTaskStatus Status { get; set; }
    /// <summary>What the activity that created the task keeps with it (JSON object), e.g. its budget; null when nothing.</summary>
    public string? Properties { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>The step's deadline; null when the step has none. An escalation fires when it passes.</summary>
    public DateTimeOffset? DueAt { get; set; }
    /// <summary>Set when the escalation timer fired (the deadline passed before completion).</summary>
    public DateTimeOffset? EscalatedAt { get; set; }
    public string? ClaimedBy { get; set; }
    public string? ClaimedByName { get; set; }
    public DateTimeOffset? ClaimedAt { get; set; }
    public string? Outcome { get; set; }
    public string? Comment { get; set; }
    /// <summary>Document ids attached on completion (JSON array).</summary>
    public string? Attachments { get; set; }
    public string? CompletedBy { get; set; }
    public string? CompletedByName { get; set; }
    /// <summary>When the task was completed or cancelled.</summary>
    public DateTimeOffset? CompletedAt { get; set; }
}

/// <summary>Life of a human task. Open and claimed tasks are in the inbox (below <see cref="Completed"/>).</summary>
public enum WorkflowTaskStatus { Open = 0, Claimed = 1, Completed = 2, Cancelled = 3 }
