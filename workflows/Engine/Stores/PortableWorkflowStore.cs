using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using PublicServices.WorkflowEngine.Execution;
using PublicServices.WorkflowEngine.Json;
using PublicServices.WorkflowEngine.Persistence;

namespace PublicServices.WorkflowEngine.Stores;

/// <summary>
/// The store on any EF Core provider, for the embedded single-process mode (SQLite): the instance lock is a lock in
/// this process, taken before the transaction so that no writer waits on it while holding the database's write lock.
/// One burst per transaction (no group commit), through EF's change tracker.
/// </summary>
internal sealed class PortableWorkflowStore(IOptions<WorkflowRuntimeOptions> options) : IWorkflowStore
{
    readonly KeyedLock locks = new();

    public bool GroupsCommits => false;

    public Task<IStoreSession> OpenSessionAsync(WorkflowDbScope scope, CancellationToken ct)
    {
        scope.Db.ChangeTracker.Clear();
        return Task.FromResult<IStoreSession>(new PortableSession(scope.Db, scope.Services, locks, options.Value));
    }

    public async Task<ILockedTransaction> BeginLockedAsync(DbContext db, string key, CancellationToken ct)
    {
        var release = await locks.AcquireAsync(key, options.Value.LockTimeout, ct);
        try
        {
            return new EfTransaction(await db.Database.BeginTransactionAsync(ct), release);
        }
        catch
        {
            release.Dispose();
            throw;
        }
    }

    // One process uses the database, so the lock in this process is enough; a transaction would hold SQLite's write
    // lock, which the seeding that runs under this lock needs on its own connections.
    public async Task<IAsyncDisposable> HoldLockAsync(DbContext db, string key, CancellationToken ct) =>
        new Held(await locks.AcquireAsync(key, options.Value.LockTimeout, ct));

    sealed class Held(IDisposable release) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            release.Dispose();
            return ValueTask.CompletedTask;
        }
    }

    // Times are stored as UTC ticks here (see WorkflowModel).
    public async Task<IReadOnlyList<ClaimedTimer>> ClaimTimersAsync(DbContext db, DateTimeOffset now, CancellationToken ct) =>
        await db.Database.SqlQueryRaw<ClaimedTimer>(Claims.TimersSql(postgres: false), (now + options.Value.ClaimLease).UtcTicks, now.UtcTicks,
            options.Value.PollBatchSize).ToListAsync(ct);

    public async Task<IReadOnlyList<ClaimedIncident>> ClaimIncidentsAsync(DbContext db, DateTimeOffset now, CancellationToken ct) =>
        await db.Database.SqlQueryRaw<ClaimedIncident>(Claims.IncidentsSql(postgres: false), (now + options.Value.ClaimLease).UtcTicks, now.UtcTicks,
            options.Value.PollBatchSize).ToListAsync(ct);

    /// <summary>The lock name of an instance.</summary>
    public static string InstanceKey(Guid instanceId) => "wf-instance:" + instanceId.ToString("N");
}

/// <summary>The bursts of one DbContext through EF Core, each in a transaction of its own holding its instances' locks.</summary>
internal sealed class PortableSession(DbContext db, IServiceProvider services, KeyedLock locks, WorkflowRuntimeOptions options) : IStoreSession
{
    readonly List<IDisposable> held = [];
    IDbContextTransaction? transaction;

    async Task BeginAsync(IEnumerable<Guid> instanceIds, CancellationToken ct)
    {
        // In key order, so that two sessions taking the same instances cannot deadlock.
        foreach (var id in instanceIds.Distinct().Order())
            held.Add(await locks.AcquireAsync(PortableWorkflowStore.InstanceKey(id), options.LockTimeout, ct));
        transaction = await db.Database.BeginTransactionAsync(ct);
        // Any failure rolls the whole burst back, so a savepoint around SaveChanges would be a wasted round trip.
        db.Database.AutoSavepointsEnabled = false;
    }

    public async Task<(IReadOnlyList<Guid> Consumed, WorkflowInstance? Instance)> OpenAsync(Guid instanceId, Guid? timerId, CancellationToken ct)
    {
        await BeginAsync([instanceId], ct);
        IReadOnlyList<Guid> consumed = [];
        if (timerId is { } timer)
        {
            consumed = await db.Set<WorkflowTimer>().Where(t => t.Id == timer).ExecuteDeleteAsync(ct) == 1 ? [timer] : [];
            if (consumed.Count == 0) return (consumed, null);
        }
        return (consumed, await db.Set<WorkflowInstance>().FirstOrDefaultAsync(i => i.Id == instanceId, ct));
    }

    public async Task<IReadOnlyList<TaskCompletion>> OpenTaskCompletionsAsync(IReadOnlyList<TaskCompletionInput> requests, DateTimeOffset now,
        CancellationToken ct)
    {
        var ids = requests.Select(r => r.TaskId).ToList();
        var owners = await db.Set<WorkflowTask>().AsNoTracking().Where(t => ids.Contains(t.Id)).Select(t => new { t.Id, t.InstanceId }).ToListAsync(ct);
        await BeginAsync(owners.Select(o => o.InstanceId), ct);
        var completions = new List<TaskCompletion>();
        var instances = new HashSet<Guid>();
        for (var i = 0; i < requests.Count; i++)
        {
            var request = requests[i];
            var owner = owners.FirstOrDefault(o => o.Id == request.TaskId);
            if (owner is null || !instances.Add(owner.InstanceId)) continue;
            var attachments = WorkflowJson.Write(request.Attachments ?? []);
            var completed = await db.Set<WorkflowTask>()
                .Where(t => t.Id == request.TaskId && (t.Status == WorkflowTaskStatus.Open || (t.Status == WorkflowTaskStatus.Claimed && t.ClaimedBy == request.ActorId)))
                .ExecuteUpdateAsync(u => u
                    .SetProperty(t => t.Status, WorkflowTaskStatus.Completed)
                    .SetProperty(t => t.Outcome, request.Outcome)
                    .SetProperty(t => t.Comment, request.Comment)
                    .SetProperty(t => t.Attachments, attachments)
                    .SetProperty(t => t.CompletedBy, request.ActorId)
                    .SetProperty(t => t.CompletedByName, request.ActorName)
                    .SetProperty(t => t.CompletedAt, now), ct);
            if (completed == 0)
            {
                instances.Remove(owner.InstanceId);
                continue;
            }
            var task = await db.Set<WorkflowTask>().AsNoTracking().FirstAsync(t => t.Id == request.TaskId, ct);
            var instance = await db.Set<WorkflowInstance>().FirstAsync(x => x.Id == owner.InstanceId, ct);
            completions.Add(new TaskCompletion(i, task, instance));
        }
        return completions;
    }

    public async Task<WorkflowTask?> ReadTaskAsync(Guid taskId, CancellationToken ct) =>
        await db.Set<WorkflowTask>().AsNoTracking().FirstOrDefaultAsync(t => t.Id == taskId, ct);

    public async Task<EventOpening> OpenEventAsync(string name, string correlationId, Guid after, CancellationToken ct)
    {
        // Few instances wait for one case's event: their ids are read and ordered here, as the SQL of PostgreSQL does.
        var waiting = (await db.Set<Bookmark>().AsNoTracking().Where(b => b.Name == name && b.CorrelationId == correlationId)
            .Select(b => b.InstanceId).Distinct().ToListAsync(ct)).Where(id => id.CompareTo(after) > 0).Order().ToList();
        if (waiting.Count == 0) return new EventOpening(null, 0, null, []);
        var locked = waiting[0];
        await BeginAsync([locked], ct);
        var bookmarks = db.Set<Bookmark>().Where(b => b.InstanceId == locked && b.Name == name && b.CorrelationId == correlationId);
        var consumed = await bookmarks.Select(b => b.Id).ToListAsync(ct);
        if (consumed.Count == 0 || await bookmarks.ExecuteDeleteAsync(ct) != consumed.Count)
            return new EventOpening(locked, waiting.Count, null, []);
        return new EventOpening(locked, waiting.Count, await db.Set<WorkflowInstance>().FirstOrDefaultAsync(i => i.Id == locked, ct), consumed);
    }

    public Task<EventsOpening> OpenEventsAsync(IReadOnlyList<EventKey> events, CancellationToken ct) =>
        throw new NotSupportedException("This store delivers events one at a time (GroupsCommits is false).");

    public async Task WriteAsync(IReadOnlyList<BurstExecution> bursts, bool newInstances, IReadOnlyCollection<string> publishedGuards, CancellationToken ct)
    {
        if (transaction is null) await BeginAsync([], ct); // a start: nobody sees the new instance before the commit, so no lock
        foreach (var guard in publishedGuards)
            if (!await db.Set<WorkflowDefinitionRecord>().AnyAsync(d => d.Id == guard && d.IsPublished, ct))
                throw new PublishedVersionChangedException();
        foreach (var burst in bursts)
        {
            AddRows(burst, newInstances);
            await TrackedRows.AddIncidentAndEffectsAsync(db, services, burst, options, ct);
        }
        await db.SaveChangesAsync(ct);
        await transaction!.CommitAsync(ct);
        await EndAsync();
    }

    /// <summary>The burst's rows into the change tracker: inserts, and key-only updates and deletes of ended waits.</summary>
    void AddRows(BurstExecution burst, bool isNewInstance)
    {
        if (isNewInstance) db.Add(burst.Instance);
        db.AddRange(burst.Journal);
        db.AddRange(burst.NewTasks);
        db.AddRange(burst.NewBookmarks);
        db.AddRange(burst.NewTimers);
        db.AddRange(burst.Receipts);

        // Under the instance lock the state and the rows agree, so these key-only statements each hit one row;
        // if one did not, SaveChanges throws and the whole burst rolls back.
        foreach (var wait in burst.CancelledWaits)
        {
            switch (wait.Kind)
            {
                case WaitKind.Task:
                    var task = new WorkflowTask { Id = wait.Id };
                    db.Attach(task);
                    task.Status = WorkflowTaskStatus.Cancelled;
                    task.CompletedAt = burst.Now;
                    if (wait.Escalation) db.Remove(new WorkflowTimer { Id = wait.Id });
                    break;
                case WaitKind.Event:
                    db.Remove(new Bookmark { Id = wait.Id });
                    break;
                case WaitKind.Timer:
                    db.Remove(new WorkflowTimer { Id = wait.Id });
                    break;
            }
        }
        foreach (var id in burst.EscalationTimersToDelete) db.Remove(new WorkflowTimer { Id = id });
        foreach (var id in burst.EscalatedTasks)
        {
            var task = db.ChangeTracker.Entries<WorkflowTask>().FirstOrDefault(e => e.Entity.Id == id)?.Entity ?? Attached(id);
            task.EscalatedAt = burst.Now;
        }
    }

    WorkflowTask Attached(Guid id)
    {
        var task = new WorkflowTask { Id = id };
        db.Attach(task);
        return task;
    }

    public async Task RollbackAsync()
    {
        if (transaction is not null) await transaction.RollbackAsync();
        await EndAsync();
    }

    async Task EndAsync()
    {
        if (transaction is not null) await transaction.DisposeAsync();
        transaction = null;
        db.ChangeTracker.Clear();
        foreach (var release in held) release.Dispose();
        held.Clear();
    }

    public async ValueTask DisposeAsync() => await EndAsync();
}
