using System.Text.Json.Nodes;
using PublicServices.Workflows.Expressions;

namespace PublicServices.Workflows.Activities.Domain;

/// <summary>
/// <c>PublicServices.RequestSupplement</c>: asks the applicant to complete the dossier (status 5, with the
/// <c>reason</c> and requested <c>documents</c>; both default to what the last task's officer wrote: its comment
/// and <c>data.documents</c>), stops the statutory clock, and waits for <c>SupplementSubmitted</c>. When the
/// supplement arrives the full statutory time counts again from its receipt. Port: "Done".
/// </summary>
public sealed class RequestSupplement : WorkflowActivity
{
    /// <inheritdoc />
    public override string Type => "PublicServices.RequestSupplement";

    /// <inheritdoc />
    public override bool IsWaiting => true;

    /// <inheritdoc />
    public override ActivityResult Execute(ActivityContext context)
    {
        var reason = context.GetText("reason") ?? ValueConvert.ToText(context.LastTask?["comment"]);
        var documents = context.Activity.Input("documents") is not null
            ? context.GetList("documents")
            : ValueConvert.ToStringList(context.LastTask?["data"]?["documents"]);
        if (context.Clock is { IsPaused: false } clock)
            context.SetClock(clock.PauseForSupplement(context.Now));
        context.SetDossierStatus(5);
        var supplement = new JsonObject { ["reason"] = reason, ["documents"] = new JsonArray([.. documents.Select(d => (JsonNode?)d)]) };
        context.Emit(EffectTypes.DossierStatusChanged, context.DossierStatusPayload(5, reason: reason, supplement: supplement));
        context.Record("reason", reason);
        return ActivityResult.Suspend(new EventWait(WorkflowEvents.SupplementSubmitted));
    }

    /// <summary>Payload: <c>SupplementSubmitted.v1</c> (dossierId, code, supplementId, documentIds, note, submittedAt).</summary>
    public override ActivityResult Resume(ActivityContext context, JsonNode? payload)
    {
        context.SetLastEvent(payload as JsonObject);
        // The clock restarts from the supplement's receipt, never from a future or garbled time.
        var received = payload?["submittedAt"] is JsonValue v && v.TryGetValue<DateTimeOffset>(out var at) && at <= context.Now ? at : context.Now;
        if (context.Clock is { IsPaused: true } clock)
        {
            var restarted = clock.RestartAfterSupplement(context.Calendar, received);
            context.SetClock(restarted);
            context.Record("dueAt", restarted.DueAt.ToUniversalTime());
        }
        context.Record("supplementId", payload?["supplementId"]?.DeepClone());
        return ActivityResult.Done;
    }
}
