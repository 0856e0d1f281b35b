using System.Text.Json.Nodes;
using PublicServices.Contracts.Events;
using PublicServices.WorkflowEngine.Execution;
using PublicServices.WorkflowEngine.Json;

namespace PublicServices.OneStop.Activities;

/// <summary>
/// <c>PublicServices.RequestRefund</c>: the dossier ends without a result, so the payments service returns whatever
/// fee was paid for it and closes any invoice still open (<c>RefundRequested.v1</c> with the <c>reason</c>, default
/// the last task's comment). Nothing paid, nothing to do. Port: "Done".
/// </summary>
public sealed class RequestRefund : OneStopActivity
{
    /// <inheritdoc />
    public override string Type => "PublicServices.RequestRefund";

    /// <inheritdoc />
    public override ActivityResult Execute(ActivityContext context)
    {
        var reason = context.GetText("reason") ?? ValueConvert.ToText(context.LastTask?["comment"]);
        context.Emit(WorkflowEffects.RefundRequested, new JsonObject
        {
            ["dossierId"] = context.CorrelationId,
            ["code"] = context.Reference,
            ["reason"] = reason,
        });
        return ActivityResult.Done;
    }
}
