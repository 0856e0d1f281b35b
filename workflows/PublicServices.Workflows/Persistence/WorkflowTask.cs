namespace PublicServices.Workflows.Persistence;

/// <summary>A human task in an officer inbox: created by a HumanTask activity, consumed exactly once by completion.</summary>
public sealed class WorkflowTask
{
    public Guid Id { get; set; }
    public Guid InstanceId { get; set; }
    public string ActivityId { get; set; } = "";
    public string AgencyCode { get; set; } = "";
    public string Role { get; set; } = "";
    /// <summary>Allowed outcome names (JSON array).</summary>
    public string Outcomes { get; set; } = "[]";
    public string TitleVi { get; set; } = "";
    public string TitleEn { get; set; } = "";
    public string? DossierCode { get; set; }
    public string? CorrelationId { get; set; }
    public WorkflowTaskStatus Status { get; set; }
    public decimal? BudgetWorkingDays { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>The step's deadline from its working-day budget; null when the step has no budget.</summary>
    public DateTimeOffset? DueAt { get; set; }
    /// <summary>Set when the escalation timer fired (the budget ran out before completion).</summary>
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

/// <summary>Life of a human task.</summary>
public enum WorkflowTaskStatus { Open = 0, Claimed = 1, Completed = 2, Cancelled = 3 }
