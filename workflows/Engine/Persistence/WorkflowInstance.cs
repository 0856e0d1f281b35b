namespace PublicServices.WorkflowEngine.Persistence;

/// <summary>A running (or ended) workflow: the definition version it started on and everything it knows.</summary>
public sealed class WorkflowInstance
{
    public Guid Id { get; set; }
    public string DefinitionId { get; set; } = "";
    /// <summary>Id of the definition version the instance started on; it keeps it when newer versions are published.</summary>
    public string DefinitionVersionId { get; set; } = "";
    public int DefinitionVersion { get; set; }
    public WorkflowStatus Status { get; set; }
    /// <summary>What events are matched to the instance by (e.g. the id of the case it handles).</summary>
    public string? CorrelationId { get; set; }
    /// <summary>A reference people know the case by (shown in inboxes, searched); the engine does not interpret it.</summary>
    public string? Reference { get; set; }
    /// <summary>The organisational unit handling the instance now: human tasks that name none go to it.</summary>
    public string? Unit { get; set; }
    /// <summary>The instance's deadline in force, set by activities (null: none); instances past it are listed as overdue.</summary>
    public DateTimeOffset? DueAt { get; set; }
    /// <summary>The start input (JSON object).</summary>
    public string Input { get; set; } = "{}";
    /// <summary>Workflow variables (JSON object, name → value).</summary>
    public string Variables { get; set; } = "{}";
    /// <summary>Properties that activities of a module on top of the engine keep for the instance (JSON object, name → value).</summary>
    public string Properties { get; set; } = "{}";
    /// <summary>The flowchart's active state (JSON): pending work, active waits, join arrivals, last task.</summary>
    public string State { get; set; } = "{}";
    /// <summary>The last journal sequence number used; effect ids derive from it, so a retried step repeats them.</summary>
    public long Sequence { get; set; }
    public string? StartedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
}

/// <summary>Where an instance is.</summary>
public enum WorkflowStatus
{
    /// <summary>Executing. Only seen inside a burst: every committed burst leaves the instance in another state.</summary>
    Running = 0,
    /// <summary>Every path waits: for a task, an event or a timer.</summary>
    Suspended = 1,
    Finished = 2,
    /// <summary>An activity failed; an incident records it and is retried with backoff.</summary>
    Faulted = 3,
    Cancelled = 4,
}
