using System.Text.Json.Nodes;
using PublicServices.Contracts.Events;
using PublicServices.OneStop.Calendar;
using PublicServices.WorkflowEngine.Definitions;
using PublicServices.WorkflowEngine.Execution;
using PublicServices.WorkflowEngine.Json;

namespace PublicServices.OneStop.Activities;

/// <summary>
/// <c>PublicServices.HumanTask</c>: a task in the inbox of officers with <c>role</c> at <c>agency</c> ("$dossier",
/// the default, is the agency handling the dossier now). Completing it with one of <c>outcomes</c> continues
/// through the port of that name. <c>budgetWorkingDays</c> sets the step's deadline in working days; when it runs out
/// the officers are notified (<c>task-overdue</c>). <c>title</c> is {vi, en}.
/// </summary>
public sealed class HumanTask(WorkingCalendar calendar) : OneStopActivity
{
    /// <summary>The agency value meaning "the agency handling the dossier".</summary>
    public const string DossierAgency = "$dossier";

    /// <summary>The task property holding the step's budget in working days.</summary>
    public const string BudgetProperty = "budgetWorkingDays";

    /// <inheritdoc />
    public override string Type => "PublicServices.HumanTask";

    /// <inheritdoc />
    public override bool IsWaiting => true;

    /// <inheritdoc />
    public override bool HasOutcomes => true;

    /// <inheritdoc />
    public override IReadOnlyList<string> Ports(ActivityNode node) => node.LiteralList("outcomes") ?? [];

    /// <inheritdoc />
    public override IEnumerable<ValidationProblem> Validate(ActivityNode node)
    {
        if (node.LacksText("role"))
            yield return Problem(node, "HumanTask.NoRole");
        var outcomes = node.LiteralList("outcomes");
        if (outcomes is not { Count: > 0 })
            yield return Problem(node, "HumanTask.NoOutcomes");
        else if (outcomes.Distinct(StringComparer.Ordinal).Count() != outcomes.Count)
            yield return Problem(node, "HumanTask.DuplicateOutcomes");
        if (node.Input("budgetWorkingDays") is { Type: InputExpression.Literal } budget && ValueConvert.ToDecimal(budget.Value) is not >= 0)
            yield return Problem(node, "HumanTask.BadBudget");
    }

    /// <inheritdoc />
    public override ActivityResult Execute(ActivityContext context)
    {
        var agency = context.GetText("agency");
        if (string.IsNullOrWhiteSpace(agency) || agency == DossierAgency)
            agency = context.Unit ?? throw new InvalidOperationException("The task goes to the dossier's agency, but the instance has none.");
        var role = context.GetText("role");
        if (string.IsNullOrWhiteSpace(role)) throw new InvalidOperationException($"Human task '{context.Activity.Id}' has no role.");
        var outcomes = context.GetList("outcomes");
        if (outcomes.Count == 0) throw new InvalidOperationException($"Human task '{context.Activity.Id}' has no outcomes.");
        var budget = context.GetDecimal("budgetWorkingDays");
        var title = context.GetLocalizedText("title") ?? new LocalizedText(context.Activity.Name ?? context.Activity.Id, context.Activity.Name ?? context.Activity.Id);
        DateTimeOffset? due = budget is > 0 ? calendar.AddWorkingDays(context.Now, budget.Value) : null;
        var properties = budget is null ? null : new JsonObject { [BudgetProperty] = budget };
        return ActivityResult.Suspend(new TaskWait(agency.Trim(), role.Trim(), outcomes, title, due, properties));
    }

    /// <summary>Payload: <c>{taskId, outcome, comment, attachments, data, actorId, actorName, completedAt}</c>.</summary>
    public override ActivityResult Resume(ActivityContext context, JsonNode? payload)
    {
        var completion = payload as JsonObject ?? throw new InvalidOperationException("A task completion carries no outcome.");
        var outcome = ValueConvert.ToText(completion["outcome"]) ?? throw new InvalidOperationException("A task completion carries no outcome.");
        context.SetLastTask((JsonObject)completion.DeepClone());
        context.Record("outcome", outcome);
        context.Record("comment", completion["comment"]?.DeepClone());
        return ActivityResult.Continue(outcome);
    }

    /// <summary>
    /// The step's budget ran out: the officers of its role at the agency are told (<c>task-overdue</c>); the officers
    /// to tell are a role at an agency, not one person, so <c>to</c> stays empty and <c>data</c> says who.
    /// </summary>
    public override void Escalated(ActivityContext context, Guid taskId) => context.Emit(WorkflowEffects.NotificationRequested, new JsonObject
    {
        ["dossierId"] = context.CorrelationId,
        ["template"] = "task-overdue",
        ["to"] = null,
        ["data"] = new JsonObject
        {
            ["taskId"] = taskId, ["activityId"] = context.Activity.Id, ["dossierCode"] = context.Reference,
            ["agencyCode"] = context.Unit, ["role"] = context.Activity.LiteralText("role"),
        },
    });
}
