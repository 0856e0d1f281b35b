using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using PublicServices.WorkflowEngine.Execution;
using PublicServices.WorkflowEngine.Json;
using PublicServices.WorkflowEngine.Persistence;
using PublicServices.WorkflowEngine.Stores;

namespace PublicServices.WorkflowEngine.Runtime;

/// <summary>Human tasks: complete, claim, release.</summary>
public sealed partial class WorkflowRuntime
{
    /// <summary>
    /// Completes a task for a person of its unit with its role: Completed, or NotFound, Forbidden, InvalidOutcome,
    /// AlreadyCompleted (also when a concurrent completion won), ClaimedByOther. When a later step fails, the
    /// completion still counts: the instance becomes Faulted with an incident.
    /// </summary>
    /// <remarks>
    /// On PostgreSQL, completions made at the same time in this process share transactions (<see cref="GroupCommit{TRequest, TResult}"/>
    /// through <see cref="CompleteTaskBatchAsync"/>). Each caller gets its own completion's result.
    /// </remarks>
    public Task<TaskActionResult> CompleteTaskAsync(CompleteTaskRequest request, CancellationToken ct = default) => taskGroup.RunAsync(request, ct);

    /// <summary>Completions per transaction in <see cref="CompleteTaskBatchAsync"/>.</summary>
    const int CompletionsPerBatch = 64;

    /// <summary>
    /// Several completions in one transaction of two round trips: the first locks the tasks' instances, completes the
    /// tasks still open (or claimed by their officer), one per instance, and reads them with their instances; the
    /// officers' rights and outcomes are checked, the bursts run, and the second writes them all and commits. A
    /// completion the batch did not take (its task done or claimed by another, a second task of one instance) goes
    /// alone after the commit; every completion goes alone when one is refused or a step throws, so each gets exactly
    /// what <see cref="CompleteTaskAloneAsync"/> gives. Results are in the order of the requests, null for those that go alone.
    /// </summary>
    async Task<IReadOnlyList<TaskActionResult?>> CompleteTaskBatchAsync(IReadOnlyList<CompleteTaskRequest> requests, CancellationToken ct)
    {
        var results = new TaskActionResult?[requests.Count];
        if (requests.Count == 1) return results; // one completion goes alone: it needs no batch
        await using var scope = databases.Open();
        await using var session = await store.OpenSessionAsync(scope, ct);
        var now = Now();
        var completions = await session.OpenTaskCompletionsAsync([.. requests.Select(Input)], now, ct);
        var bursts = new List<BurstExecution>(completions.Count);
        foreach (var (index, task, instance) in completions)
        {
            var request = requests[index];
            if (!MayAct(task, request.Actor) || !AllowsOutcome(task, request.Outcome)) break;
            var burst = new BurstExecution(services, instance, await definitions.GetAsync(scope.Db, instance.DefinitionVersionId, ct),
                request.Actor, now, recordFaults: false);
            if (burst.FindWait(WaitKind.Task, task.Id) is not { } wait) break;
            burst.Resume(wait, CompletionPayload(request, now));
            try
            {
                burst.Run();
            }
            catch (ActivityFaultException)
            {
                break;
            }
            burst.Complete();
            bursts.Add(burst);
        }
        if (bursts.Count > 0 && bursts.Count == completions.Count)
        {
            await session.WriteAsync(bursts, newInstances: false, [], ct);
            for (var i = 0; i < completions.Count; i++)
                results[completions[i].Request] = new(TaskActionStatus.Completed, completions[i].Task.InstanceId, bursts[i].Instance.Status);
        }
        else await session.RollbackAsync();
        return results;
    }

    static bool AllowsOutcome(WorkflowTask task, string outcome) =>
        WorkflowJson.Read<List<string>>(task.Outcomes).Contains(outcome, StringComparer.Ordinal);

    /// <summary><see cref="CompleteTaskAsync"/> in a transaction of its own.</summary>
    async Task<TaskActionResult> CompleteTaskAloneAsync(CompleteTaskRequest request, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (await CompleteTaskOnceAsync(request, recordFaults: attempt > 0, ct) is { } done) return done;
            // An activity threw: everything was rolled back; run again, recording the fault as an incident.
        }
    }

    /// <summary>
    /// The session locks the task's instance, completes the task if it is still open (or claimed by the officer) and
    /// reads task and instance; the officer's right and outcome are checked on what it read (a refusal rolls the
    /// completion back), then the burst is written and committed. Null when an activity threw and faults were not recorded.
    /// </summary>
    async Task<TaskActionResult?> CompleteTaskOnceAsync(CompleteTaskRequest request, bool recordFaults, CancellationToken ct)
    {
        var actor = request.Actor;
        await using var scope = databases.Open();
        await using var session = await store.OpenSessionAsync(scope, ct);
        var now = Now();
        var completion = (await session.OpenTaskCompletionsAsync([Input(request)], now, ct)).SingleOrDefault();
        var task = completion?.Task;
        if (task is null)
        {
            // Not completed: say why, from the task as it is now (the rare path, so it may cost a round trip more).
            await session.RollbackAsync();
            task = await session.ReadTaskAsync(request.TaskId, ct);
            if (task is null) return new(TaskActionStatus.NotFound);
        }
        if (!MayAct(task, actor)) return new(TaskActionStatus.Forbidden, task.InstanceId);
        if (!AllowsOutcome(task, request.Outcome)) return new(TaskActionStatus.InvalidOutcome, task.InstanceId);
        if (completion is null)
            return new(task.Status == WorkflowTaskStatus.Claimed && task.ClaimedBy != actor.Id ? TaskActionStatus.ClaimedByOther : TaskActionStatus.AlreadyCompleted,
                task.InstanceId);
        var payload = CompletionPayload(request, now);
        var run = await FinishBurstAsync(scope, session, completion.Instance, actor, [task.Id],
            (burst, _) => burst.FindWait(WaitKind.Task, task.Id) is { } wait && Resume(burst, wait, payload), recordFaults, ct);
        if (run is null) return null;
        return run.Value.Outcome == BurstOutcome.Committed
            ? new(TaskActionStatus.Completed, task.InstanceId, run.Value.Status)
            : new(TaskActionStatus.AlreadyCompleted, task.InstanceId);
    }

    static TaskCompletionInput Input(CompleteTaskRequest request) =>
        new(request.TaskId, request.Outcome, request.Comment, request.Attachments, request.Actor.Id, request.Actor.Name);

    static JsonObject CompletionPayload(CompleteTaskRequest request, DateTimeOffset now) => new()
    {
        ["taskId"] = request.TaskId, ["outcome"] = request.Outcome, ["comment"] = request.Comment,
        ["attachments"] = new JsonArray([.. (request.Attachments ?? []).Select(a => (JsonNode?)a)]), ["data"] = request.Data?.DeepClone(),
        ["actorId"] = request.Actor.Id, ["actorName"] = request.Actor.Name, ["completedAt"] = now,
    };

    static bool Resume(BurstExecution burst, ActiveWait wait, JsonNode? payload)
    {
        burst.Resume(wait, payload);
        return true;
    }

    /// <summary>True when the actor works in the task's unit and has its role.</summary>
    public static bool MayAct(WorkflowTask task, WorkflowActor actor) =>
        string.Equals(task.Unit, actor.Unit, StringComparison.Ordinal) && actor.HasRole(task.Role);

    /// <summary>Claims an open task for the officer (Claimed; or NotFound, Forbidden, AlreadyCompleted, ClaimedByOther).</summary>
    public async Task<TaskActionResult> ClaimTaskAsync(Guid taskId, WorkflowActor actor, CancellationToken ct = default)
    {
        await using var scope = databases.Open();
        var tasks = scope.Db.Set<WorkflowTask>();
        var task = await tasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == taskId, ct);
        if (task is null) return new(TaskActionStatus.NotFound);
        if (!MayAct(task, actor)) return new(TaskActionStatus.Forbidden, task.InstanceId);
        var now = Now();
        // Claiming changes no workflow state, so it needs no instance lock: the conditional UPDATE decides.
        var rows = await tasks.Where(t => t.Id == taskId && (t.Status == WorkflowTaskStatus.Open || (t.Status == WorkflowTaskStatus.Claimed && t.ClaimedBy == actor.Id)))
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, WorkflowTaskStatus.Claimed).SetProperty(t => t.ClaimedBy, actor.Id)
                .SetProperty(t => t.ClaimedByName, actor.Name).SetProperty(t => t.ClaimedAt, now), ct);
        if (rows == 1) return new(TaskActionStatus.Claimed, task.InstanceId);
        var status = await tasks.Where(t => t.Id == taskId).Select(t => t.Status).FirstAsync(ct);
        return new(status == WorkflowTaskStatus.Claimed ? TaskActionStatus.ClaimedByOther : TaskActionStatus.AlreadyCompleted, task.InstanceId);
    }

    /// <summary>Gives a claimed task back to the inbox (Released; or NotFound, Forbidden, NotClaimed).</summary>
    public async Task<TaskActionResult> ReleaseTaskAsync(Guid taskId, WorkflowActor actor, CancellationToken ct = default)
    {
        await using var scope = databases.Open();
        var tasks = scope.Db.Set<WorkflowTask>();
        var task = await tasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == taskId, ct);
        if (task is null) return new(TaskActionStatus.NotFound);
        if (!MayAct(task, actor)) return new(TaskActionStatus.Forbidden, task.InstanceId);
        var rows = await tasks.Where(t => t.Id == taskId && t.Status == WorkflowTaskStatus.Claimed && t.ClaimedBy == actor.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, WorkflowTaskStatus.Open).SetProperty(t => t.ClaimedBy, (string?)null)
                .SetProperty(t => t.ClaimedByName, (string?)null).SetProperty(t => t.ClaimedAt, (DateTimeOffset?)null), ct);
        return new(rows == 1 ? TaskActionStatus.Released : TaskActionStatus.NotClaimed, task.InstanceId);
    }
}
