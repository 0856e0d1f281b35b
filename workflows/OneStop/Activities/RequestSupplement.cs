using System.Text.Json.Nodes;
using PublicServices.Contracts.Dossiers;
using PublicServices.Contracts.Events;
using PublicServices.OneStop.Calendar;
using PublicServices.OneStop.Dossiers;
using PublicServices.WorkflowEngine.Definitions;
using PublicServices.WorkflowEngine.Execution;
using PublicServices.WorkflowEngine.Json;

namespace PublicServices.OneStop.Activities;

/// <summary>
/// <c>PublicServices.RequestSupplement</c>: asks the applicant to complete the dossier (status "supplement
/// requested", with the <c>reason</c> and requested <c>documents</c>; both default to what the last task's officer
/// wrote: its comment and <c>data.documents</c>), stops the statutory clock, and waits for <c>SupplementSubmitted</c>.
/// When the supplement arrives the full statutory time counts again from its receipt. The applicant is told
/// (<c>supplement-requested</c>). Port: "Done".
/// </summary>
public sealed class RequestSupplement(WorkingCalendar calendar) : OneStopActivity, IReportsDossierStatus
{
    /// <inheritdoc />
    public override string Type => "PublicServices.RequestSupplement";

    /// <inheritdoc />
    public override bool IsWaiting => true;

    /// <inheritdoc />
    public DossierStatus? ReportedStatus(ActivityNode node) => DossierStatus.SupplementRequested;

    /// <inheritdoc />
    public override ActivityResult Execute(ActivityContext context)
    {
        var reason = context.GetText("reason") ?? ValueConvert.ToText(context.LastTask?["comment"]);
        var documents = context.Activity.Input("documents") is not null
            ? context.GetList("documents")
            : ValueConvert.ToStringList(context.LastTask?["data"]?["documents"]);
        if (context.Clock() is { IsPaused: false } clock)
            context.SetClock(clock.PauseForSupplement(context.Now));
        var supplement = new JsonObject { ["reason"] = reason, ["documents"] = new JsonArray([.. documents.Select(d => (JsonNode?)d)]) };
        DossierStatusReport.Report(context, DossierStatus.SupplementRequested, reason: reason, supplement: supplement);
        context.Record("reason", reason);
        Notify.Applicant(context, "supplement-requested", new JsonObject { ["reason"] = reason });
        return ActivityResult.Suspend(new EventWait(SupplementSubmittedV1.EventName));
    }

    /// <summary>Payload: <c>SupplementSubmitted.v1</c> (dossierId, code, supplementId, documentIds, note, submittedAt).</summary>
    public override ActivityResult Resume(ActivityContext context, JsonNode? payload)
    {
        context.SetLastEvent(payload as JsonObject);
        // The clock restarts from the supplement's receipt, never from a future or garbled time.
        var received = payload?["submittedAt"] is JsonValue v && v.TryGetValue<DateTimeOffset>(out var at) && at <= context.Now ? at : context.Now;
        if (context.Clock() is { IsPaused: true } clock)
        {
            var restarted = clock.RestartAfterSupplement(calendar, received);
            context.SetClock(restarted);
            context.Record("dueAt", restarted.DueAt.ToUniversalTime());
        }
        context.Record("supplementId", payload?["supplementId"]?.DeepClone());
        return ActivityResult.Done;
    }
}
