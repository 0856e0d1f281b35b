using PublicServices.Workflows.Calendar;
using PublicServices.Workflows.Definitions;
using PublicServices.Workflows.Expressions;

namespace PublicServices.Workflows.Activities.Domain;

/// <summary>
/// <c>PublicServices.SetDossierStatus</c>: reports a national status (1–10) with a <c>note</c> and <c>reason</c>
/// (the reason defaults to the last task's comment for 3 "not received" and 8 "stopped", which must state one).
/// Status 2 "received" starts the statutory clock. Port: "Done".
/// </summary>
public sealed class SetDossierStatus : WorkflowActivity
{
    /// <inheritdoc />
    public override string Type => "PublicServices.SetDossierStatus";

    /// <inheritdoc />
    public override IEnumerable<ValidationProblem> Validate(ActivityNode node)
    {
        var status = node.Input("status");
        if (status is null)
            yield return Problem(node, "Thiếu trạng thái hồ sơ (status).", "The dossier status is missing.");
        else if (status.Type == InputExpression.Literal && ValueConvert.ToDecimal(status.Value) is not (>= 1 and <= 10))
            yield return Problem(node, "Trạng thái hồ sơ phải từ 1 đến 10.", "The dossier status must be between 1 and 10.");
    }

    /// <inheritdoc />
    public override ActivityResult Execute(ActivityContext context)
    {
        var status = context.GetDecimal("status") is { } s && s == decimal.Truncate(s) && s is >= 1 and <= 10 ? (int)s
            : throw new InvalidOperationException($"SetDossierStatus '{context.Activity.Id}' needs a status from 1 to 10.");
        var note = context.GetText("note");
        var reason = context.GetText("reason") ?? (status is 3 or 8 ? ValueConvert.ToText(context.LastTask?["comment"]) : null);
        if (status == 2 && context.Clock is null && context.StatutoryWorkingDays is { } days)
            context.SetClock(DossierClock.Start(context.Calendar, context.Now, days));
        context.SetDossierStatus(status);
        context.Emit(EffectTypes.DossierStatusChanged, context.DossierStatusPayload(status, note, reason));
        context.Record("status", status);
        return ActivityResult.Done;
    }
}
