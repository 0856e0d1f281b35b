using System.Text.Json.Nodes;
using PublicServices.Workflows.Definitions;
using PublicServices.Workflows.Expressions;

namespace PublicServices.Workflows.Activities.Domain;

/// <summary>
/// <c>PublicServices.HumanTask</c>: a task in the inbox of officers with <c>role</c> at <c>agency</c> ("$dossier",
/// the default, is the agency handling the dossier now). Completing it with one of <c>outcomes</c> continues
/// through the port of that name. <c>budgetWorkingDays</c> sets the step's deadline; when it runs out an
/// escalation fires. <c>title</c> is {vi, en}.
/// </summary>
public sealed class HumanTask : WorkflowActivity
{
    /// <summary>The agency value meaning "the agency handling the dossier".</summary>
    public const string DossierAgency = "$dossier";

    /// <inheritdoc />
    public override string Type => "PublicServices.HumanTask";

    /// <inheritdoc />
    public override bool IsWaiting => true;

    /// <inheritdoc />
    public override IReadOnlyList<string> Ports(ActivityNode node) => node.LiteralList("outcomes") ?? [];

    /// <inheritdoc />
    public override IEnumerable<ValidationProblem> Validate(ActivityNode node)
    {
        var role = node.Input("role");
        if (role is null || (role.Type == InputExpression.Literal && string.IsNullOrWhiteSpace(ValueConvert.ToText(role.Value))))
            yield return Problem(node, "Công việc phải chỉ rõ vai trò xử lý (role).", "The human task must name a role.");
        var outcomes = node.LiteralList("outcomes");
        if (outcomes is not { Count: > 0 })
            yield return Problem(node, "Công việc phải có ít nhất một kết quả xử lý (outcomes) cố định.",
                "The human task must list at least one outcome as a literal value.");
        else if (outcomes.Distinct(StringComparer.Ordinal).Count() != outcomes.Count)
            yield return Problem(node, "Các kết quả xử lý không được trùng tên.", "Outcome names must be unique.");
        if (node.Input("budgetWorkingDays") is { Type: InputExpression.Literal } budget && ValueConvert.ToDecimal(budget.Value) is not >= 0)
            yield return Problem(node, "Thời hạn bước (budgetWorkingDays) phải là số ngày làm việc không âm.",
                "The step budget (budgetWorkingDays) must be a non-negative number of working days.");
    }

    /// <inheritdoc />
    public override ActivityResult Execute(ActivityContext context)
    {
        var agency = context.GetText("agency");
        if (string.IsNullOrWhiteSpace(agency) || agency == DossierAgency)
            agency = context.AgencyCode ?? throw new InvalidOperationException("The task goes to the dossier's agency, but the instance has none.");
        var role = context.GetText("role");
        if (string.IsNullOrWhiteSpace(role)) throw new InvalidOperationException($"Human task '{context.Activity.Id}' has no role.");
        var outcomes = context.GetList("outcomes");
        if (outcomes.Count == 0) throw new InvalidOperationException($"Human task '{context.Activity.Id}' has no outcomes.");
        var budget = context.GetDecimal("budgetWorkingDays");
        var title = context.GetLocalizedText("title") ?? new LocalizedText(context.Activity.Name ?? context.Activity.Id, context.Activity.Name ?? context.Activity.Id);
        DateTimeOffset? due = budget is > 0 ? context.Calendar.AddWorkingDays(context.Now, budget.Value) : null;
        return ActivityResult.Suspend(new TaskWait(agency.Trim(), role.Trim(), outcomes, title, budget, due));
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
}
