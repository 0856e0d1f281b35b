using PublicServices.Contracts.Dossiers;
using PublicServices.OneStop.Calendar;
using PublicServices.OneStop.Dossiers;
using PublicServices.WorkflowEngine.Definitions;
using PublicServices.WorkflowEngine.Execution;
using PublicServices.WorkflowEngine.Json;

namespace PublicServices.OneStop.Activities;

/// <summary>
/// <c>PublicServices.SetDossierStatus</c>: reports a national status (<see cref="DossierStatus"/>) with a <c>note</c>
/// and <c>reason</c> (the reason defaults to the last task's comment for "not received" and "stopped", which must
/// state one). "Received" starts the statutory clock. Only a change the status machine allows: a literal status is
/// checked against the statuses the dossier can have on the paths to it when the definition is validated
/// (<see cref="DossierStatusFlowRule"/>), any status when the step runs. Port: "Done".
/// </summary>
public sealed class SetDossierStatus(WorkingCalendar calendar) : OneStopActivity, IReportsDossierStatus
{
    /// <inheritdoc />
    public override string Type => "PublicServices.SetDossierStatus";

    /// <inheritdoc />
    public override IEnumerable<ValidationProblem> Validate(ActivityNode node)
    {
        var status = node.Input("status");
        if (status is null)
            yield return Problem(node, "Status.Missing");
        else if (status.Type == InputExpression.Literal && LiteralStatus(node) is null)
            yield return Problem(node, "Status.OutOfRange");
    }

    /// <inheritdoc />
    public DossierStatus? ReportedStatus(ActivityNode node) => LiteralStatus(node);

    static DossierStatus? LiteralStatus(ActivityNode node) =>
        node.Input("status") is { Type: InputExpression.Literal } input && ValueConvert.ToDecimal(input.Value) is { } s
        && s == decimal.Truncate(s) && s is >= 1 and <= 10 ? (DossierStatus)(int)s : null;

    /// <inheritdoc />
    public override ActivityResult Execute(ActivityContext context)
    {
        var status = context.GetDecimal("status") is { } s && s == decimal.Truncate(s) && DossierStatusMachine.IsDefined((int)s) ? (DossierStatus)(int)s
            : throw new InvalidOperationException($"SetDossierStatus '{context.Activity.Id}' needs a status from 1 to 10.");
        var note = context.GetText("note");
        var reason = context.GetText("reason")
            ?? (status is DossierStatus.NotReceived or DossierStatus.Stopped ? ValueConvert.ToText(context.LastTask?["comment"]) : null);
        if (status == DossierStatus.Received && context.Clock() is null && context.StatutoryWorkingDays() is { } days)
            context.SetClock(DossierClock.Start(calendar, context.Now, days));
        DossierStatusReport.Report(context, status, note, reason);
        context.Record("status", (int)status);
        return ActivityResult.Done;
    }
}
