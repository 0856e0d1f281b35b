using PublicServices.OneStop.Activities;
using PublicServices.WorkflowEngine.Json;
using PublicServices.WorkflowEngine.Persistence;
using PublicServices.WorkflowEngine.Runtime;

namespace PublicServices.Workflow.Domain;

/// <summary>A human task as the officer inbox shows it: the engine's task in the one-stop words (agency, dossier code, budget).</summary>
public sealed record TaskDto(
    Guid Id, Guid InstanceId, string ActivityId, string AgencyCode, string Role, IReadOnlyList<string> Outcomes, LocalizedText Title,
    string? DossierCode, string? CorrelationId, WorkflowTaskStatus Status, decimal? BudgetWorkingDays, DateTimeOffset CreatedAt,
    DateTimeOffset? DueAt, bool IsOverdue, DateTimeOffset? EscalatedAt, string? ClaimedBy, string? ClaimedByName, DateTimeOffset? ClaimedAt,
    string? Outcome, string? Comment, IReadOnlyList<string> Attachments, string? CompletedBy, string? CompletedByName, DateTimeOffset? CompletedAt)
{
    public static TaskDto From(TaskView t) => new(
        t.Id, t.InstanceId, t.ActivityId, t.Unit, t.Role, t.Outcomes, t.Title, t.Reference, t.CorrelationId, t.Status,
        ValueConvert.ToDecimal(t.Properties[HumanTask.BudgetProperty]), t.CreatedAt, t.DueAt, t.IsOverdue, t.EscalatedAt, t.ClaimedBy,
        t.ClaimedByName, t.ClaimedAt, t.Outcome, t.Comment, t.Attachments, t.CompletedBy, t.CompletedByName, t.CompletedAt);
}

/// <summary>A page of the inbox; <see cref="HasMore"/> instead of a total, which would cost a count of every open task.</summary>
public sealed record TaskPage(IReadOnlyList<TaskDto> Items, int Page, int PageSize, bool HasMore)
{
    public static TaskPage From(InboxPage page) => new([.. page.Items.Select(TaskDto.From)], page.Page, page.PageSize, page.HasMore);
}
