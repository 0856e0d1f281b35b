using PublicServices.WorkflowEngine.Execution;
using PublicServices.WorkflowEngine.Persistence;
using PublicServices.WorkflowEngine.Stores;

namespace PublicServices.WorkflowEngine.Runtime;

/// <summary>Work the background poller does: due timers and due incident retries.</summary>
public sealed partial class WorkflowRuntime
{
    /// <summary>Fires due timers (a batch; claimed so that replicas share them). Returns how many fired.</summary>
    public async Task<int> RunDueTimersAsync(CancellationToken ct = default)
    {
        IReadOnlyList<ClaimedTimer> due;
        await using (var scope = databases.Open())
            due = await store.ClaimTimersAsync(scope.Db, Now(), ct);
        var fired = 0;
        foreach (var timer in due)
        {
            var run = await RunBurstAsync(timer.InstanceId, SystemActor, timer.Id,
                (burst, _) =>
                {
                    if (timer.Kind == TimerKind.Escalation) burst.Escalate(timer.TaskId ?? timer.Id);
                    else if (burst.FindWait(WaitKind.Timer, timer.Id) is { } wait) burst.Resume(wait, null);
                    return true;
                }, ct);
            if (run.Outcome == BurstOutcome.Committed) fired++;
        }
        return fired;
    }

    /// <summary>Retries incidents whose backoff has elapsed (a batch, shared between replicas). Returns how many ran.</summary>
    public async Task<int> RetryDueIncidentsAsync(CancellationToken ct = default)
    {
        IReadOnlyList<ClaimedIncident> due;
        await using (var scope = databases.Open())
            due = await store.ClaimIncidentsAsync(scope.Db, Now(), ct);
        var retried = 0;
        foreach (var incident in due)
        {
            var run = await RunBurstAsync(incident.InstanceId, SystemActor, null, (burst, _) => burst.State.IncidentId == incident.Id, ct);
            if (run.Outcome == BurstOutcome.Committed) retried++;
        }
        return retried;
    }
}
