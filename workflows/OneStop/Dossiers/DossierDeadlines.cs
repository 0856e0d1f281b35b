using System.Text.Json.Nodes;
using PublicServices.Contracts.Events;
using PublicServices.OneStop.Calendar;
using PublicServices.WorkflowEngine.Execution;
using PublicServices.WorkflowEngine.Runtime;
using Texts = PublicServices.OneStop.Resources.Messages;

namespace PublicServices.OneStop.Dossiers;

/// <summary>What moving a dossier's due date did, and why it was refused.</summary>
/// <param name="RefusalKey">The resource key of the refusal's reason (<c>Apology.*</c>); null when it moved or could not run.</param>
public sealed record DueDateMove(InstanceActionStatus Status, DateTimeOffset? DueAt = null, string? RefusalKey = null);

/// <summary>The dossier's due date outside the flowchart's steps: the apology letter (thư xin lỗi).</summary>
public sealed class DossierDeadlines(WorkflowRuntime runtime, WorkingCalendar calendar)
{
    /// <summary>The journal event of a moved due date.</summary>
    public const string DueDateMoved = "DueDateMoved";

    /// <summary>
    /// An apology letter moves the statutory due date to <paramref name="newDueAt"/>: once per dossier, to a later date,
    /// at least one working day before the current due date (<see cref="DossierClock.Apologize"/>). The new date reaches
    /// the dossier as a <c>DossierStatusChanged.v1</c> with its current status.
    /// </summary>
    public async Task<DueDateMove> MoveDueDateAsync(Guid instanceId, DateTimeOffset newDueAt, string reason, WorkflowActor actor,
        CancellationToken ct = default)
    {
        string? refusal = null;
        DateTimeOffset? dueAt = null;
        var result = await runtime.UpdateAsync(instanceId, actor, instance =>
        {
            if (instance.Clock() is not { } clock)
            {
                refusal = "Apology.NotReceived";
                return false;
            }
            var decision = clock.Apologize(calendar, instance.Now, newDueAt);
            if (decision.Refusal is { } refused)
            {
                refusal = "Apology." + refused;
                return false;
            }
            instance.SetClock(decision.Clock);
            dueAt = decision.Clock.DueAt;
            instance.Journal(DueDateMoved, new JsonObject { ["dueAt"] = decision.Clock.DueAt.ToUniversalTime(), ["reason"] = reason });
            if (instance.HasReportedStatus())
                instance.Emit(DossierStatusChangedV1.Type,
                    DossierStatusReport.Payload(instance, instance.Status(), Texts.Record("Record.ApologyNote"), reason, supplement: null));
            instance.Emit(WorkflowEffects.NotificationRequested, new JsonObject
            {
                ["dossierId"] = instance.CorrelationId, ["template"] = "apology", ["to"] = instance.GetInput("applicantId"),
                ["data"] = new JsonObject { ["code"] = instance.Reference, ["newDueAt"] = decision.Clock.DueAt.ToUniversalTime(), ["reason"] = reason },
            });
            return true;
        }, ct);
        return new DueDateMove(result.Status, dueAt, result.Status == InstanceActionStatus.Declined ? refusal : null);
    }
}
