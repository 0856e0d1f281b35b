using System.Text.Json.Nodes;
using PublicServices.Workflows.Activities;
using PublicServices.Workflows.Persistence;

namespace PublicServices.Workflows.Runtime;

/// <summary>A human task as the inbox shows it.</summary>
public sealed record TaskView(
    Guid Id, Guid InstanceId, string ActivityId, string AgencyCode, string Role, IReadOnlyList<string> Outcomes, LocalizedText Title,
    string? DossierCode, string? CorrelationId, WorkflowTaskStatus Status, decimal? BudgetWorkingDays, DateTimeOffset CreatedAt,
    DateTimeOffset? DueAt, bool IsOverdue, DateTimeOffset? EscalatedAt, string? ClaimedBy, string? ClaimedByName, DateTimeOffset? ClaimedAt,
    string? Outcome, string? Comment, IReadOnlyList<string> Attachments, string? CompletedBy, string? CompletedByName, DateTimeOffset? CompletedAt)
{
    internal static TaskView From(WorkflowTask t, DateTimeOffset now) => new(
        t.Id, t.InstanceId, t.ActivityId, t.AgencyCode, t.Role, WorkflowJson.Read<List<string>>(t.Outcomes), new LocalizedText(t.TitleVi, t.TitleEn),
        t.DossierCode, t.CorrelationId, t.Status, t.BudgetWorkingDays, t.CreatedAt, t.DueAt,
        t.Status is WorkflowTaskStatus.Open or WorkflowTaskStatus.Claimed && t.DueAt < now, t.EscalatedAt,
        t.ClaimedBy, t.ClaimedByName, t.ClaimedAt, t.Outcome, t.Comment,
        t.Attachments is null ? [] : WorkflowJson.Read<List<string>>(t.Attachments), t.CompletedBy, t.CompletedByName, t.CompletedAt);
}

/// <summary>A page of the inbox; <see cref="HasMore"/> instead of a total, which would cost a count of every open task.</summary>
public sealed record InboxPage(IReadOnlyList<TaskView> Items, int Page, int PageSize, bool HasMore);

/// <summary>The inbox of one officer: open tasks of their agency and roles, by deadline.</summary>
public sealed record InboxQuery(string AgencyCode, IReadOnlyCollection<string> Roles, string ActorId)
{
    /// <summary>True: only overdue tasks; false: only tasks not overdue; null: both.</summary>
    public bool? Overdue { get; init; }
    /// <summary>Only tasks the caller has claimed.</summary>
    public bool ClaimedByMe { get; init; }
    /// <summary>Part of the dossier code or title (case-insensitive).</summary>
    public string? Text { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 20;
}

/// <summary>A wait that keeps an instance alive.</summary>
public sealed record WaitView(string ActivityId, WaitKind Kind, Guid Id);

/// <summary>An instance as admins see it.</summary>
public sealed record InstanceView(
    Guid Id, string DefinitionId, int DefinitionVersion, string DefinitionVersionId, WorkflowStatus Status, string? CorrelationId,
    string? AgencyCode, string? DossierCode, int? DossierStatus, decimal? StatutoryWorkingDays, DateTimeOffset? DueAt, bool IsOverdue,
    bool ClockPaused, bool DueDateMoved, JsonObject Variables, IReadOnlyList<WaitView> Waits, Guid? IncidentId, long Sequence,
    string? StartedBy, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? FinishedAt);

/// <summary>A page of instances, newest first.</summary>
public sealed record InstancePage(IReadOnlyList<InstanceView> Items, int Page, int PageSize, bool HasMore);

/// <summary>Filters for the instance list.</summary>
public sealed record InstanceQuery
{
    public string? DefinitionId { get; init; }
    public WorkflowStatus? Status { get; init; }
    public string? CorrelationId { get; init; }
    public string? AgencyCode { get; init; }
    /// <summary>Only instances past their statutory due date and still running.</summary>
    public bool Overdue { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 20;
}

/// <summary>A line of an instance's journal.</summary>
public sealed record JournalView(long Seq, string? ActivityId, string? ActivityType, string Event, string? ActorId, string? ActorName,
    DateTimeOffset At, JsonObject? Data);

/// <summary>An incident.</summary>
public sealed record IncidentView(Guid Id, Guid InstanceId, string? ActivityId, string? ActivityType, string Message, int Attempts,
    DateTimeOffset CreatedAt, DateTimeOffset? LastAttemptAt, DateTimeOffset? NextAttemptAt, DateTimeOffset? ResolvedAt);
