using System.Text.Json.Nodes;
using PublicServices.WorkflowEngine.Execution;
using PublicServices.WorkflowEngine.Json;
using PublicServices.WorkflowEngine.Persistence;

namespace PublicServices.WorkflowEngine.Runtime;

/// <summary>A human task as an inbox shows it.</summary>
public sealed record TaskView(
    Guid Id, Guid InstanceId, string ActivityId, string Unit, string Role, IReadOnlyList<string> Outcomes, LocalizedText Title,
    string? Reference, string? CorrelationId, WorkflowTaskStatus Status, JsonObject Properties, DateTimeOffset CreatedAt,
    DateTimeOffset? DueAt, bool IsOverdue, DateTimeOffset? EscalatedAt, string? ClaimedBy, string? ClaimedByName, DateTimeOffset? ClaimedAt,
    string? Outcome, string? Comment, IReadOnlyList<string> Attachments, string? CompletedBy, string? CompletedByName, DateTimeOffset? CompletedAt)
{
    internal static TaskView From(WorkflowTask t, DateTimeOffset now) => new(
        t.Id, t.InstanceId, t.ActivityId, t.Unit, t.Role, WorkflowJson.Read<List<string>>(t.Outcomes), new LocalizedText(t.TitleVi, t.TitleEn),
        t.Reference, t.CorrelationId, t.Status, WorkflowJson.ParseObject(t.Properties), t.CreatedAt, t.DueAt,
        t.Status is WorkflowTaskStatus.Open or WorkflowTaskStatus.Claimed && t.DueAt < now, t.EscalatedAt,
        t.ClaimedBy, t.ClaimedByName, t.ClaimedAt, t.Outcome, t.Comment,
        t.Attachments is null ? [] : WorkflowJson.Read<List<string>>(t.Attachments), t.CompletedBy, t.CompletedByName, t.CompletedAt);
}

/// <summary>A page of the inbox; <see cref="HasMore"/> instead of a total, which would cost a count of every open task.</summary>
public sealed record InboxPage(IReadOnlyList<TaskView> Items, int Page, int PageSize, bool HasMore);

/// <summary>The inbox of one person: open tasks of their unit and roles, by deadline.</summary>
public sealed record InboxQuery(string Unit, IReadOnlyCollection<string> Roles, string ActorId)
{
    /// <summary>True: only overdue tasks; false: only tasks not overdue; null: both.</summary>
    public bool? Overdue { get; init; }
    /// <summary>Only tasks the caller has claimed.</summary>
    public bool ClaimedByMe { get; init; }
    /// <summary>Part of the reference or title (case-insensitive).</summary>
    public string? Text { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 20;
}

/// <summary>A wait that keeps an instance alive.</summary>
public sealed record WaitView(string ActivityId, WaitKind Kind, Guid Id);

/// <summary>An instance as admins see it.</summary>
public sealed record InstanceView(
    Guid Id, string DefinitionId, int DefinitionVersion, string DefinitionVersionId, WorkflowStatus Status, string? CorrelationId,
    string? Reference, string? Unit, DateTimeOffset? DueAt, bool IsOverdue, JsonObject Variables, JsonObject Properties,
    IReadOnlyList<WaitView> Waits, Guid? IncidentId, long Sequence, string? StartedBy, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    DateTimeOffset? FinishedAt);

/// <summary>A page of instances, newest first.</summary>
public sealed record InstancePage(IReadOnlyList<InstanceView> Items, int Page, int PageSize, bool HasMore);

/// <summary>Filters for the instance list.</summary>
public sealed record InstanceQuery
{
    public string? DefinitionId { get; init; }
    public WorkflowStatus? Status { get; init; }
    public string? CorrelationId { get; init; }
    public string? Unit { get; init; }
    /// <summary>Only instances past their deadline and still running.</summary>
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
