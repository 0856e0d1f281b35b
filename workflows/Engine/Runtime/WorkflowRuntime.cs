using Microsoft.EntityFrameworkCore;
using PublicServices.WorkflowEngine.Execution;
using PublicServices.WorkflowEngine.Json;
using PublicServices.WorkflowEngine.Persistence;
using PublicServices.WorkflowEngine.Stores;

namespace PublicServices.WorkflowEngine.Runtime;

/// <summary>
/// Runs workflow instances. Every trigger (start, task completion, event, due timer, incident retry, cancel, host
/// update) becomes one burst: one database transaction holding the instance's lock, in which the trigger's wait is
/// consumed by a conditional UPDATE/DELETE (so a second trigger for it changes nothing), the flowchart runs until
/// every path waits or ends, and the journal, new waits and the host's effects are written. A crash before commit
/// loses nothing (the trigger is retried by its sender or the poller); after commit everything is there. Where the
/// store allows it (PostgreSQL), starts, completions and events that arrive together in a process share one
/// transaction (<see cref="GroupCommit{TRequest, TResult}"/>), each instance still under its own lock.
/// </summary>
public sealed partial class WorkflowRuntime
{
    readonly ExecutionServices services;
    readonly IWorkflowDb databases;
    readonly IWorkflowStore store;
    readonly DefinitionCache definitions;
    readonly GroupCommit<DeliverEventRequest, DeliverEventResult> eventGroup;
    readonly GroupCommit<StartWorkflowRequest, StartResult> startGroup;
    readonly GroupCommit<CompleteTaskRequest, TaskActionResult> taskGroup;

    internal WorkflowRuntime(ExecutionServices services, IWorkflowDb databases, IWorkflowStore store, DefinitionCache definitions)
    {
        this.services = services;
        this.databases = databases;
        this.store = store;
        this.definitions = definitions;
        var grouped = store.GroupsCommits;
        startGroup = new(grouped, StartsPerBatch, Drainers, StartBatchAsync, StartAloneAsync);
        taskGroup = new(grouped, CompletionsPerBatch, Drainers, CompleteTaskBatchAsync, CompleteTaskAloneAsync);
        eventGroup = new(grouped, EventsPerBatch, Drainers, async (requests, ct) => await DeliverEventsAsync(requests, ct), DeliverEventAloneAsync);
    }

    /// <summary>Loops per group commit, each one batch at a time (two: one runs in C# while the other waits on PostgreSQL).</summary>
    const int Drainers = 2;

    WorkflowRuntimeOptions Options => services.Options;
    DateTimeOffset Now() => services.Time.GetUtcNow();

    /// <summary>The runtime itself as the actor of timers and incident retries (named by <see cref="WorkflowRuntimeOptions.SystemActorName"/>).</summary>
    public WorkflowActor SystemActor => new(WorkflowRuntimeOptions.SystemActorId, Options.SystemActorName);

    /// <summary>
    /// Starts an instance of the definition's published version (or of <see cref="StartWorkflowRequest.Version"/>)
    /// and runs it until it waits. With <see cref="StartWorkflowRequest.StartId"/>, repeating the call returns the
    /// instance the first call started.
    /// </summary>
    /// <remarks>
    /// On PostgreSQL, starts made at the same time in this process share transactions (<see cref="GroupCommit{TRequest, TResult}"/>
    /// through <see cref="StartBatchAsync"/>). Each caller gets its own start's result.
    /// </remarks>
    public Task<StartResult> StartAsync(StartWorkflowRequest request, CancellationToken ct = default) => startGroup.RunAsync(request, ct);

    /// <summary>Starts per transaction in <see cref="StartBatchAsync"/> (bounded by the statement's parameter count, 65,535).</summary>
    const int StartsPerBatch = 64;

    /// <summary>
    /// Several starts in one transaction: every instance runs until it waits, then all are written in one batch (one
    /// round trip). A start the batch cannot take (its version not in memory yet, an activity that throws, the same
    /// <see cref="StartWorkflowRequest.StartId"/> twice) goes alone, and so does every start of a batch that fails
    /// (an instance started before with the same StartId, a version published meanwhile): each then gets exactly the
    /// result <see cref="StartAloneAsync"/> gives. Results are in the order of the requests, null for those that go alone.
    /// </summary>
    async Task<IReadOnlyList<StartResult?>> StartBatchAsync(IReadOnlyList<StartWorkflowRequest> requests, CancellationToken ct)
    {
        var results = new StartResult?[requests.Count];
        if (requests.Count == 1) return results; // one start goes alone: it needs no batch
        var bursts = new List<BurstExecution>(requests.Count);
        var batched = new List<int>(requests.Count);
        var guards = new HashSet<string>(StringComparer.Ordinal);
        var startIds = new HashSet<Guid>();
        await using var scope = databases.Open();
        var now = Now();
        for (var i = 0; i < requests.Count; i++)
        {
            var request = requests[i];
            if (!definitions.TryGetStart(request.DefinitionId, request.Version, out var known)
                || (request.StartId is { } id && !startIds.Add(id)))
                continue;
            var burst = new BurstExecution(services, NewInstance(request, known, now),
                await definitions.GetAsync(scope.Db, known.Id, ct), request.Actor, now, recordFaults: false);
            try
            {
                burst.Begin();
                burst.Run();
            }
            catch (ActivityFaultException)
            {
                continue;
            }
            burst.Complete();
            bursts.Add(burst);
            batched.Add(i);
            if (request.Version is null) guards.Add(known.Id);
        }
        if (bursts.Count > 0)
        {
            try
            {
                await using var session = await store.OpenSessionAsync(scope, ct);
                await session.WriteAsync(bursts, newInstances: true, guards, ct);
                for (var b = 0; b < bursts.Count; b++)
                    results[batched[b]] = new StartResult(StartStatus.Started, bursts[b].Instance.Id, bursts[b].Instance.Status, bursts[b].Instance.DefinitionVersion);
            }
            catch (Exception e) when (e is PublishedVersionChangedException || DatabaseErrors.IsUniqueViolation(e))
            {
                scope.Db.ChangeTracker.Clear();
            }
        }
        return results;
    }

    WorkflowInstance NewInstance(StartWorkflowRequest request, (string Id, int Version) known, DateTimeOffset now) => new()
    {
        Id = request.StartId ?? Guid.CreateVersion7(), DefinitionId = request.DefinitionId, DefinitionVersionId = known.Id,
        DefinitionVersion = known.Version, Status = WorkflowStatus.Running, CorrelationId = request.CorrelationId,
        Reference = request.Reference, Unit = request.Unit, Input = WorkflowJson.Write(request.Input ?? []),
        Properties = WorkflowJson.Write(request.Properties ?? []), StartedBy = request.Actor.Id, CreatedAt = now,
    };

    /// <summary><see cref="StartAsync"/> in a transaction of its own.</summary>
    async Task<StartResult> StartAloneAsync(StartWorkflowRequest request, CancellationToken ct)
    {
        var recordFaults = false;
        while (true)
        {
            await using var scope = databases.Open();
            var db = scope.Db;
            // The version comes from this process's memory when it can; the write then checks that it is still published.
            var cached = definitions.TryGetStart(request.DefinitionId, request.Version, out var known);
            if (!cached)
            {
                var query = db.Set<WorkflowDefinitionRecord>().AsNoTracking().Where(d => d.DefinitionId == request.DefinitionId);
                var found = await (request.Version is { } v ? query.Where(d => d.Version == v && d.PublishedAt != null) : query.Where(d => d.IsPublished))
                    .Select(d => new { d.Id, d.Version }).FirstOrDefaultAsync(ct);
                if (found is null)
                    return new StartResult(await query.AnyAsync(ct) ? StartStatus.VersionNotFound : StartStatus.DefinitionNotFound);
                known = (found.Id, found.Version);
                definitions.RememberStart(request.DefinitionId, request.Version, known);
            }
            var definition = await definitions.GetAsync(db, known.Id, ct);

            var now = Now();
            var instance = NewInstance(request, known, now);
            var burst = new BurstExecution(services, instance, definition, request.Actor, now, recordFaults);
            try
            {
                burst.Begin();
                burst.Run();
            }
            catch (ActivityFaultException) when (!recordFaults)
            {
                recordFaults = true;
                continue; // nothing was written: run again, this time recording the fault as an incident
            }
            burst.Complete();
            try
            {
                await using var session = await store.OpenSessionAsync(scope, ct);
                await session.WriteAsync([burst], newInstances: true, cached && request.Version is null ? [known.Id] : [], ct);
            }
            catch (PublishedVersionChangedException)
            {
                definitions.ForgetStart(request.DefinitionId, request.Version);
                continue; // another version was published meanwhile: look it up and run again
            }
            catch (Exception e) when (request.StartId is { } id && DatabaseErrors.IsUniqueViolation(e))
            {
                await using var again = databases.Open();
                var existing = await again.Db.Set<WorkflowInstance>().AsNoTracking().Where(i => i.Id == id)
                    .Select(i => new { i.Status, i.DefinitionVersion }).FirstOrDefaultAsync(ct);
                if (existing is null) throw;
                return new StartResult(StartStatus.AlreadyStarted, id, existing.Status, existing.DefinitionVersion);
            }
            return new StartResult(StartStatus.Started, instance.Id, instance.Status, instance.DefinitionVersion);
        }
    }

    enum BurstOutcome { Committed, NotConsumed, NotApplicable, InstanceMissing }

    readonly record struct BurstRun(BurstOutcome Outcome, WorkflowStatus? Status = null, int Consumed = 0);

    /// <summary>
    /// The one transaction of a burst on an existing instance: lock, consume the timer (if the trigger is one; no id
    /// back = someone else fired it), load, apply the trigger to the state, run, write, commit. If an activity throws,
    /// everything is rolled back and the burst runs once more, recording the fault as an incident.
    /// </summary>
    async Task<BurstRun> RunBurstAsync(Guid instanceId, WorkflowActor actor, Guid? timerId, Func<BurstExecution, IReadOnlyList<Guid>, bool> apply,
        CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            await using var scope = databases.Open();
            await using var session = await store.OpenSessionAsync(scope, ct);
            var (consumed, loaded) = await session.OpenAsync(instanceId, timerId, ct);
            if (timerId is not null && consumed.Count == 0) return new(BurstOutcome.NotConsumed);
            if (loaded is null) return new(BurstOutcome.InstanceMissing);
            var run = await FinishBurstAsync(scope, session, loaded, actor, consumed, apply, recordFaults: attempt > 0, ct);
            if (run is { } done) return done;
            // A fault on the first attempt: disposing rolls back; run again, recording it.
        }
    }

    /// <summary>
    /// The rest of a burst once its session has locked, consumed and loaded: apply the trigger, run, write and commit.
    /// Null when an activity threw and faults were not recorded yet.
    /// </summary>
    async Task<BurstRun?> FinishBurstAsync(WorkflowDbScope scope, IStoreSession session, WorkflowInstance instance, WorkflowActor actor,
        IReadOnlyList<Guid> consumed, Func<BurstExecution, IReadOnlyList<Guid>, bool> apply, bool recordFaults, CancellationToken ct)
    {
        var definition = await definitions.GetAsync(scope.Db, instance.DefinitionVersionId, ct);
        var burst = new BurstExecution(services, instance, definition, actor, Now(), recordFaults);
        if (!apply(burst, consumed)) return new BurstRun(BurstOutcome.NotApplicable, instance.Status);
        try
        {
            burst.Run();
        }
        catch (ActivityFaultException) when (!recordFaults)
        {
            return null;
        }
        burst.Complete();
        await session.WriteAsync([burst], newInstances: false, [], ct);
        return new BurstRun(BurstOutcome.Committed, instance.Status, consumed.Count);
    }
}
