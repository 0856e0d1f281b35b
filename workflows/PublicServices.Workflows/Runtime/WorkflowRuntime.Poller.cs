using PublicServices.Workflows.Persistence;

namespace PublicServices.Workflows.Runtime;

/// <summary>Work the background poller does: due timers and due incident retries.</summary>
public sealed partial class WorkflowRuntime
{
    /// <summary>Fires due timers (a batch; claimed with SKIP LOCKED so replicas share them). Returns how many fired.</summary>
    public async Task<int> RunDueTimersAsync(CancellationToken ct = default)
    {
        IReadOnlyList<ClaimedTimer> due;
        await using (var scope = databases.Open())
            due = await Claims.ClaimTimersAsync(scope.Db, Now(), Options, ct);
        var fired = 0;
        foreach (var timer in due)
        {
            var run = await RunBurstAsync(timer.InstanceId, WorkflowActor.System, Consumption.Timer(timer.Id),
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
            due = await Claims.ClaimIncidentsAsync(scope.Db, Now(), Options, ct);
        var retried = 0;
        foreach (var incident in due)
        {
            var run = await RunBurstAsync(incident.InstanceId, WorkflowActor.System, null,
                (burst, _) => burst.State.IncidentId == incident.Id, ct);
            if (run.Outcome == BurstOutcome.Committed) retried++;
        }
        return retried;
    }
}
