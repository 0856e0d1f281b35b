using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PublicServices.Workflows.Persistence;

namespace PublicServices.Workflows.Runtime;

/// <summary>
/// Runs workflow instances. Every trigger (start, task completion, event, due timer, incident retry, cancel)
/// becomes one burst: one database transaction holding the instance's lock, in which the trigger's wait is
/// consumed by a conditional UPDATE/DELETE (so a second trigger for it changes nothing), the flowchart runs until
/// every path waits or ends, and the journal, new waits and the host's effects are written. A crash before commit
/// loses nothing (the trigger is retried by its sender or the poller); after commit everything is there.
/// </summary>
public sealed partial class WorkflowRuntime
{
    readonly RuntimeServices services;
    readonly IWorkflowDb databases;
    readonly InstanceLocks locks;
    readonly DefinitionCache definitions;

    internal WorkflowRuntime(RuntimeServices services, IWorkflowDb databases, InstanceLocks locks, DefinitionCache definitions)
    {
        this.services = services;
        this.databases = databases;
        this.locks = locks;
        this.definitions = definitions;
    }

    WorkflowRuntimeOptions Options => services.Options;
    DateTimeOffset Now() => services.Time.GetUtcNow();

    /// <summary>
    /// Starts an instance of the definition's published version (or of <see cref="StartWorkflowRequest.Version"/>)
    /// and runs it until it waits. With <see cref="StartWorkflowRequest.StartId"/>, repeating the call returns the
    /// instance the first call started.
    /// </summary>
    public async Task<StartResult> StartAsync(StartWorkflowRequest request, CancellationToken ct = default)
    {
        for (var attempt = 0; ; attempt++)
        {
            await using var scope = databases.Open();
            var db = scope.Db;
            var query = db.Set<WorkflowDefinitionRecord>().AsNoTracking().Where(d => d.DefinitionId == request.DefinitionId);
            var version = await (request.Version is { } v ? query.Where(d => d.Version == v && d.PublishedAt != null) : query.Where(d => d.IsPublished))
                .Select(d => new { d.Id, d.Version }).FirstOrDefaultAsync(ct);
            if (version is null)
                return new StartResult(await query.AnyAsync(ct) ? StartStatus.VersionNotFound : StartStatus.DefinitionNotFound);
            var definition = await definitions.GetAsync(db, version.Id, ct);

            var now = Now();
            var instance = new WorkflowInstance
            {
                Id = request.StartId ?? Guid.CreateVersion7(), DefinitionId = request.DefinitionId, DefinitionVersionId = version.Id,
                DefinitionVersion = version.Version, Status = WorkflowStatus.Running, CorrelationId = request.CorrelationId,
                AgencyCode = request.AgencyCode, DossierCode = request.DossierCode, StatutoryWorkingDays = request.StatutoryWorkingDays,
                Input = WorkflowJson.Write(request.Input ?? []), StartedBy = request.Actor.Id, CreatedAt = now,
            };
            var burst = new BurstExecution(services, instance, definition, request.Actor, now, recordFaults: attempt > 0);
            try
            {
                burst.Begin();
                burst.Run();
            }
            catch (ActivityFaultException) when (attempt == 0)
            {
                continue; // nothing was written: run again, this time recording the fault as an incident
            }
            burst.Complete();
            // A new instance is invisible to every other trigger until this commit, so it needs no lock.
            await BurstWriter.WriteAsync(db, burst, isNewInstance: true, scope.Services.GetService<IWorkflowEffectWriter>(), Options, ct);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException e) when (request.StartId is { } id && DatabaseErrors.IsUniqueViolation(e))
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
    /// The one transaction of a burst on an existing instance: lock, consume the trigger (no ids back = someone else
    /// consumed it), load, apply the trigger to the state, run, write, commit. If an activity throws, everything is
    /// rolled back and the burst runs once more, recording the fault as an incident.
    /// </summary>
    async Task<BurstRun> RunBurstAsync(Guid instanceId, WorkflowActor actor, Consumption? consume,
        Func<BurstExecution, IReadOnlyList<Guid>, bool> apply, CancellationToken ct)
    {
        var lockName = InstanceLocks.InstanceKey(instanceId);
        for (var attempt = 0; ; attempt++)
        {
            await using var scope = databases.Open();
            var db = scope.Db;
            var batched = locks.LocksInBatch(db);
            await using var transaction = await locks.BeginAsync(db, lockName, ct, lockInBatch: batched);
            IReadOnlyList<Guid> consumed;
            WorkflowInstance? instance;
            if (batched)
            {
                (consumed, instance) = await BurstOpener.OpenAsync(db, lockName, Options.LockTimeout, consume, instanceId, ct);
                if (instance is not null) db.Attach(instance);
            }
            else
            {
                consumed = consume is null ? [] : await consume.Portable(db, ct);
                instance = consume is not null && consumed.Count == 0 ? null
                    : await db.Set<WorkflowInstance>().FirstOrDefaultAsync(i => i.Id == instanceId, ct);
            }
            if (consume is not null && consumed.Count == 0) return new(BurstOutcome.NotConsumed);
            if (instance is null) return new(BurstOutcome.InstanceMissing);
            var definition = await definitions.GetAsync(db, instance.DefinitionVersionId, ct);
            var burst = new BurstExecution(services, instance, definition, actor, Now(), recordFaults: attempt > 0);
            if (!apply(burst, consumed)) return new(BurstOutcome.NotApplicable, instance.Status);
            try
            {
                burst.Run();
            }
            catch (ActivityFaultException) when (attempt == 0)
            {
                continue; // disposing the transaction rolls it back (and releases the lock)
            }
            burst.Complete();
            await BurstWriter.WriteAsync(db, burst, isNewInstance: false, scope.Services.GetService<IWorkflowEffectWriter>(), Options, ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return new(BurstOutcome.Committed, instance.Status, consumed.Count);
        }
    }
}
