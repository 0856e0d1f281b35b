using System.Text.Json.Nodes;
using PublicServices.WorkflowEngine.Execution;
using PublicServices.WorkflowEngine.Persistence;

namespace PublicServices.WorkflowEngine.Runtime;

/// <summary>Actions on a whole instance: retry its incident, cancel it, or a host's own update.</summary>
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
    /// Runs a host's <paramref name="update"/> on an instance that has not ended, in a burst of its own under the
    /// instance's lock: what it changes, journals and emits is written in one transaction, or nothing when it returns
    /// false (Declined). Flowchart work left pending by it runs too. How a module changes its own data outside a step
    /// (e.g. the one-stop module's apology letter moving the due date).
    /// </summary>
    public async Task<InstanceActionResult> UpdateAsync(Guid instanceId, WorkflowActor actor, Func<InstanceUpdate, bool> update, CancellationToken ct = default)
    {
        var ended = false;
        var run = await RunBurstAsync(instanceId, actor, null, (burst, _) =>
        {
            if (burst.Instance.Status is WorkflowStatus.Finished or WorkflowStatus.Cancelled)
            {
                ended = true;
                return false;
            }
            return update(new InstanceUpdate(burst));
        }, ct);
        return run.Outcome switch
        {
            BurstOutcome.Committed => new(InstanceActionStatus.Done, run.Status),
            BurstOutcome.InstanceMissing => new(InstanceActionStatus.NotFound),
            _ when ended => new(InstanceActionStatus.AlreadyEnded),
            _ => new(InstanceActionStatus.Declined),
        };
    }
}
