using System.Text.Json.Nodes;
using PublicServices.Workflows.Persistence;

namespace PublicServices.Workflows.Runtime;

/// <summary>Actions on a whole instance: retry its incident, cancel it, move its due date.</summary>
public sealed partial class WorkflowRuntime
{
    /// <summary>Retries the open incident of an instance now (by hand, e.g. after its cause was fixed).</summary>
    public async Task<InstanceActionResult> RetryIncidentAsync(Guid instanceId, WorkflowActor actor, CancellationToken ct = default)
    {
        var run = await RunBurstAsync(instanceId, actor, null, (burst, _) => burst.State.IncidentId is not null, ct);
        return run.Outcome switch
        {
            BurstOutcome.Committed => new(InstanceActionStatus.Done, run.Status),
            BurstOutcome.InstanceMissing => new(InstanceActionStatus.NotFound),
            _ => new(InstanceActionStatus.NoIncident),
        };
    }

    /// <summary>Cancels an instance: its open tasks are cancelled, its bookmarks and timers removed.</summary>
    public async Task<InstanceActionResult> CancelAsync(Guid instanceId, WorkflowActor actor, string? reason, CancellationToken ct = default)
    {
        var run = await RunBurstAsync(instanceId, actor, null, (burst, _) =>
        {
            if (burst.Instance.Status is WorkflowStatus.Finished or WorkflowStatus.Cancelled) return false;
            burst.End(WorkflowStatus.Cancelled, JournalEvents.WorkflowCancelled, new JsonObject { ["reason"] = reason });
            return true;
        }, ct);
        return run.Outcome switch
        {
            BurstOutcome.Committed => new(InstanceActionStatus.Done, run.Status),
            BurstOutcome.InstanceMissing => new(InstanceActionStatus.NotFound),
            _ => new(InstanceActionStatus.AlreadyEnded),
        };
    }

    /// <summary>
    /// An apology letter moves the statutory due date to <paramref name="newDueAt"/>: once per dossier, to a later
    /// date, at least one working day before the current due date. Emits DossierStatusChanged with the new date.
    /// </summary>
    public async Task<InstanceActionResult> MoveDueDateAsync(Guid instanceId, DateTimeOffset newDueAt, string? reason, WorkflowActor actor,
        CancellationToken ct = default)
    {
        (string, string)? refusal = null;
        var run = await RunBurstAsync(instanceId, actor, null, (burst, _) =>
        {
            if (burst.Instance.Status is WorkflowStatus.Finished or WorkflowStatus.Cancelled) return false;
            var decision = burst.Apologize(newDueAt, reason);
            refusal = decision is null ? ("Hồ sơ chưa được tiếp nhận nên chưa có hạn trả kết quả.", "The dossier has not been received, so it has no due date yet.")
                : decision.Reason;
            return decision?.Accepted == true;
        }, ct);
        return run.Outcome switch
        {
            BurstOutcome.Committed => new(InstanceActionStatus.Done, run.Status),
            BurstOutcome.InstanceMissing => new(InstanceActionStatus.NotFound),
            _ when refusal is not null => new(InstanceActionStatus.Refused, null, refusal),
            _ => new(InstanceActionStatus.AlreadyEnded),
        };
    }
}
