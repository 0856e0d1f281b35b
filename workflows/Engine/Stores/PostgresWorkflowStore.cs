using System.Buffers.Binary;
using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using PublicServices.WorkflowEngine.Execution;
using PublicServices.WorkflowEngine.Json;
using PublicServices.WorkflowEngine.Persistence;

namespace PublicServices.WorkflowEngine.Stores;

/// <summary>
/// The store on PostgreSQL. A burst costs two round trips of plain batches on the context's connection: the first
/// begins the transaction, takes the instance's transaction-scoped advisory lock (shared by every replica, released by
/// commit or rollback), consumes the trigger's wait with a conditional UPDATE/DELETE and reads what the burst needs;
/// the second writes everything in one statement and commits. A start needs no lock and is one batch. Several bursts
/// can share the two round trips (group commit).
/// </summary>
internal sealed class PostgresWorkflowStore(IOptions<WorkflowRuntimeOptions> options) : IWorkflowStore
{
    public bool GroupsCommits => true;

    public async Task<IStoreSession> OpenSessionAsync(WorkflowDbScope scope, CancellationToken ct)
    {
        var db = scope.Db;
        db.ChangeTracker.Clear(); // nothing left over from an earlier burst that failed in this scope
        await db.Database.OpenConnectionAsync(ct);
        return new PostgresSession(db, scope.Services, options.Value);
    }

    // A transaction that only holds the advisory lock: it writes nothing, so other connections never wait on it.
    public async Task<IAsyncDisposable> HoldLockAsync(DbContext db, string key, CancellationToken ct) => await BeginLockedAsync(db, key, ct);

    public async Task<ILockedTransaction> BeginLockedAsync(DbContext db, string key, CancellationToken ct)
    {
        var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({NamedLockClass}, {NamedLockKey(key)})", ct);
            return new EfTransaction(transaction, null);
        }
        catch
        {
            await transaction.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Named locks (definitions, seeding) use PostgreSQL's two-key form, a lock space apart from the one-key locks of
    /// instances (<see cref="LockKey"/>), so they can never collide with them.
    /// </summary>
    const int NamedLockClass = 0x5746_4C4B; // "WFLK"

    static int NamedLockKey(string key) => BinaryPrimitives.ReadInt32BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public async Task<IReadOnlyList<ClaimedTimer>> ClaimTimersAsync(DbContext db, DateTimeOffset now, CancellationToken ct) =>
        await db.Database.SqlQueryRaw<ClaimedTimer>(Claims.TimersSql(postgres: true), (now + options.Value.ClaimLease).ToUniversalTime(),
            now.ToUniversalTime(), options.Value.PollBatchSize).ToListAsync(ct);

    public async Task<IReadOnlyList<ClaimedIncident>> ClaimIncidentsAsync(DbContext db, DateTimeOffset now, CancellationToken ct) =>
        await db.Database.SqlQueryRaw<ClaimedIncident>(Claims.IncidentsSql(postgres: true), (now + options.Value.ClaimLease).ToUniversalTime(),
            now.ToUniversalTime(), options.Value.PollBatchSize).ToListAsync(ct);

    /// <summary>
    /// The advisory lock key of an instance: the two halves of its id XOR-ed. <see cref="LockKeySql"/> computes the
    /// same in SQL, so a batch can lock the instance of a task or bookmark it has not read yet.
    /// </summary>
    public static long LockKey(Guid instanceId)
    {
        Span<byte> bytes = stackalloc byte[16];
        instanceId.TryWriteBytes(bytes, bigEndian: true, out _);
        return BinaryPrimitives.ReadInt64BigEndian(bytes) ^ BinaryPrimitives.ReadInt64BigEndian(bytes[8..]);
    }

    /// <summary><see cref="LockKey"/> of a uuid column or expression, in SQL.</summary>
    public static string LockKeySql(string uuid) =>
        $"(('x' || substr(replace({uuid}::text, '-', ''), 1, 16))::bit(64)::bigint # ('x' || substr(replace({uuid}::text, '-', ''), 17, 16))::bit(64)::bigint)";
}

/// <summary>An EF Core transaction holding a lock (a PostgreSQL advisory lock released at commit, or a process-local one).</summary>
internal sealed class EfTransaction(IDbContextTransaction transaction, IDisposable? localLock) : ILockedTransaction
{
    public Task CommitAsync(CancellationToken ct) => transaction.CommitAsync(ct);

    public async ValueTask DisposeAsync()
    {
        await transaction.DisposeAsync();
        localLock?.Dispose();
    }
}

/// <summary>
/// The bursts of one DbContext on PostgreSQL, as plain batches on its connection (no change tracking on the hot path).
/// Whatever is not committed is rolled back when the session is disposed.
/// </summary>
internal sealed class PostgresSession(DbContext db, IServiceProvider services, WorkflowRuntimeOptions options) : IStoreSession
{
    readonly NpgsqlConnection connection = (NpgsqlConnection)db.Database.GetDbConnection();
    bool inTransaction;

    /// <summary>SQLSTATE of a write that did not hit its one row, or of a start's version guard (<see cref="PgStatement"/>).</summary>
    const string GuardFailed = PostgresErrorCodes.DivisionByZero;

    const int Open = (int)WorkflowTaskStatus.Open, Claimed = (int)WorkflowTaskStatus.Claimed, Completed = (int)WorkflowTaskStatus.Completed,
        CancelledTask = (int)WorkflowTaskStatus.Cancelled;

    /// <summary>The instance's columns in the order <see cref="ReadInstance"/> reads them.</summary>
    const string InstanceColumns = "id, definition_id, definition_version_id, definition_version, status, correlation_id, reference, unit, "
        + "due_at, input, variables, properties, state, sequence, started_by, created_at, updated_at, finished_at";

    static readonly string InstanceColumnsOfI = string.Join(", ", InstanceColumns.Split(", ").Select(c => "i." + c));

    /// <summary>The task's columns a completion's checks need, in the order <see cref="ReadTask"/> reads them.</summary>
    const string TaskColumns = "id, instance_id, unit, role, outcomes, status, claimed_by";

    /// <summary>The first instance (by id, after $3) with a bookmark for event $1 and correlation $2.</summary>
    const string FirstWaiting = $"SELECT instance_id FROM {WorkflowModel.Bookmarks} WHERE name = $1 AND correlation_id = $2 AND instance_id > $3 "
        + "ORDER BY instance_id LIMIT 1";

    static readonly string EventLockSql = $"""
        SELECT f.instance_id, pg_advisory_xact_lock({PostgresWorkflowStore.LockKeySql("f.instance_id")}),
            (SELECT count(DISTINCT instance_id)::int FROM {WorkflowModel.Bookmarks} WHERE name = $1 AND correlation_id = $2 AND instance_id > $3)
        FROM ({FirstWaiting}) f
        """;

    static readonly string EventConsumptionSql = $"""
        WITH d AS (DELETE FROM {WorkflowModel.Bookmarks} WHERE name = $1 AND correlation_id = $2 AND instance_id = ({FirstWaiting}) RETURNING id, instance_id)
        SELECT d.id, {InstanceColumnsOfI} FROM d JOIN {WorkflowModel.Instances} i ON i.id = d.instance_id
        """;

    static readonly string TaskLockSql = $"SELECT pg_advisory_xact_lock({PostgresWorkflowStore.LockKeySql("instance_id")}) FROM {WorkflowModel.Tasks} WHERE id = $1";

    static readonly string TasksLockSql = $"""
        SELECT count(pg_advisory_xact_lock(s.k))::int FROM (SELECT DISTINCT {PostgresWorkflowStore.LockKeySql("t.instance_id")} AS k
            FROM {WorkflowModel.Tasks} t WHERE t.id = ANY($1) ORDER BY 1) s
        """;

    /// <summary>A task an officer may complete: open, or claimed by that officer (<c>claimer</c>).</summary>
    static string Completable(string task, string claimer) => $"({task}.status = {Open} OR ({task}.status = {Claimed} AND {task}.claimed_by = {claimer}))";

    // The one completion statement (CompletionSql): each request (id, outcome, comment, attachments, actor, actor_name,
    // ord) whose task is open, or claimed by its actor, completes it; the tasks come back with their instances, by ord.
    static string CompletionSql(string requests) => $"""
        WITH f AS ({requests}),
            u AS (UPDATE {WorkflowModel.Tasks} t SET status = {Completed}, outcome = f.outcome, comment = f.comment, attachments = f.attachments,
                    completed_by = f.actor, completed_by_name = f.actor_name, completed_at = $7
                FROM f WHERE t.id = f.id AND {Completable("t", "f.actor")}
                RETURNING f.ord, {string.Join(", ", TaskColumns.Split(", ").Select(c => "t." + c))})
        SELECT u.*, {InstanceColumnsOfI} FROM u JOIN {WorkflowModel.Instances} i ON i.id = u.instance_id ORDER BY u.ord
        """;

    // One request: its parameters are the values, and PostgreSQL plans an UPDATE by id (the array form below costs it
    // half as much again per completion).
    static readonly string TaskCompletionSql = CompletionSql(
        "SELECT $1::uuid AS id, $2::text AS outcome, $3::text AS comment, $4::text AS attachments, $5::text AS actor, $6::text AS actor_name, 1::bigint AS ord");

    // Many: per instance, the first request (by position) for a task it may complete; the others wait for the caller
    // to send them again.
    static readonly string TasksCompletionSql = CompletionSql($"""
        SELECT DISTINCT ON (t.instance_id) r.*
            FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) WITH ORDINALITY AS r(id, outcome, comment, attachments, actor, actor_name, ord)
            JOIN {WorkflowModel.Tasks} t ON t.id = r.id
            WHERE {Completable("t", "r.actor")} ORDER BY t.instance_id, r.ord
        """);

    /// <summary>The events of a batch: name, correlation id and event id per position (0-based).</summary>
    const string BatchEvents = "SELECT e.name, e.corr, e.event_id, (e.ord - 1)::int AS ord FROM unnest($1::text[], $2::text[], $3::text[]) "
        + "WITH ORDINALITY AS e(name, corr, event_id, ord)";

    static readonly string EventsLockSql = $"""
        SELECT count(pg_advisory_xact_lock(s.k))::int FROM (SELECT DISTINCT {PostgresWorkflowStore.LockKeySql("b.instance_id")} AS k
            FROM ({BatchEvents}) e JOIN {WorkflowModel.Bookmarks} b ON b.name = e.name AND b.correlation_id = e.corr ORDER BY 1) s
        """;

    static readonly string EventsMatchedSql = $"""
        SELECT e.ord, count(DISTINCT b.instance_id)::int FROM ({BatchEvents}) e JOIN {WorkflowModel.Bookmarks} b ON b.name = e.name AND b.correlation_id = e.corr GROUP BY e.ord
        """;

    // Per instance, the first event of the batch it waits for and has not received yet; its bookmarks for that event
    // are deleted only if this transaction holds the instance's lock (a try on a lock already held succeeds).
    static readonly string EventsConsumptionSql = $"""
        WITH m AS (SELECT DISTINCT ON (b.instance_id) b.instance_id, e.name, e.corr, e.ord
                FROM ({BatchEvents}) e JOIN {WorkflowModel.Bookmarks} b ON b.name = e.name AND b.correlation_id = e.corr
                WHERE NOT EXISTS (SELECT 1 FROM {WorkflowModel.Receipts} r WHERE r.instance_id = b.instance_id AND r.event_id = e.event_id)
                ORDER BY b.instance_id, e.ord),
            l AS (SELECT m.* FROM m WHERE pg_try_advisory_xact_lock({PostgresWorkflowStore.LockKeySql("m.instance_id")})),
            d AS (DELETE FROM {WorkflowModel.Bookmarks} b USING l WHERE b.instance_id = l.instance_id AND b.name = l.name AND b.correlation_id = l.corr
                RETURNING b.id, b.instance_id, l.ord)
        SELECT d.id, d.ord, {InstanceColumnsOfI} FROM d JOIN {WorkflowModel.Instances} i ON i.id = d.instance_id ORDER BY d.instance_id
        """;

    NpgsqlBatch Batch() => new(connection);

    static NpgsqlBatchCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }

    /// <summary>BEGIN, and a bound on the wait for another burst of the same instance (it ends with the transaction).</summary>
    void Begin(NpgsqlBatch batch)
    {
        batch.BatchCommands.Add(new NpgsqlBatchCommand("BEGIN"));
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"SET LOCAL lock_timeout = {(long)options.LockTimeout.TotalMilliseconds}"));
        inTransaction = true;
    }

    public async Task<(IReadOnlyList<Guid> Consumed, WorkflowInstance? Instance)> OpenAsync(Guid instanceId, Guid? timerId, CancellationToken ct)
    {
        await using var batch = Batch();
        Begin(batch);
        batch.BatchCommands.Add(Command("SELECT pg_advisory_xact_lock($1)", PgRows.Parameter(NpgsqlDbType.Bigint, PostgresWorkflowStore.LockKey(instanceId))));
        if (timerId is { } timer)
            batch.BatchCommands.Add(Command($"DELETE FROM {WorkflowModel.Timers} WHERE id = $1 RETURNING id", PgRows.Parameter(NpgsqlDbType.Uuid, timer)));
        batch.BatchCommands.Add(Command($"SELECT {InstanceColumns} FROM {WorkflowModel.Instances} WHERE id = $1", PgRows.Parameter(NpgsqlDbType.Uuid, instanceId)));

        await using var reader = await batch.ExecuteReaderAsync(ct);
        await reader.NextResultAsync(ct); // past the lock's row
        var consumed = new List<Guid>();
        if (timerId is not null)
        {
            while (await reader.ReadAsync(ct)) consumed.Add(reader.GetGuid(0));
            await reader.NextResultAsync(ct);
        }
        var instance = await reader.ReadAsync(ct) ? ReadInstance(reader) : null;
        return (consumed, instance);
    }

    public async Task<IReadOnlyList<TaskCompletion>> OpenTaskCompletionsAsync(IReadOnlyList<TaskCompletionInput> requests, DateTimeOffset now,
        CancellationToken ct)
    {
        // One request binds its values, several bind one array per column.
        var one = requests.Count == 1;
        NpgsqlParameter Values<T>(NpgsqlDbType type, Func<TaskCompletionInput, T> value) => one
            ? PgRows.Parameter(type, value(requests[0]))
            : PgRows.Parameter(NpgsqlDbType.Array | type, requests.Select(value).ToArray());
        var ids = Values(NpgsqlDbType.Uuid, r => r.TaskId);
        await using var batch = Batch();
        Begin(batch);
        batch.BatchCommands.Add(Command(one ? TaskLockSql : TasksLockSql, ids.Clone()));
        // After the locks, a statement of its own: it sees what the locks' previous holders committed.
        batch.BatchCommands.Add(Command(one ? TaskCompletionSql : TasksCompletionSql, ids.Clone(), Values(NpgsqlDbType.Text, r => r.Outcome),
            Values(NpgsqlDbType.Text, r => r.Comment), Values(NpgsqlDbType.Text, r => WorkflowJson.Write(r.Attachments ?? [])),
            Values(NpgsqlDbType.Text, r => r.ActorId), Values(NpgsqlDbType.Text, r => r.ActorName),
            PgRows.Parameter(NpgsqlDbType.TimestampTz, now.ToUniversalTime())));

        await using var reader = await batch.ExecuteReaderAsync(ct); // on the lock's result
        await reader.NextResultAsync(ct);
        var completions = new List<TaskCompletion>();
        const int instanceAt = 8; // the position, then TaskColumns
        while (await reader.ReadAsync(ct))
            completions.Add(new TaskCompletion((int)reader.GetInt64(0) - 1, ReadTask(reader, 1), ReadInstance(reader, instanceAt)));
        return completions;
    }

    public async Task<WorkflowTask?> ReadTaskAsync(Guid taskId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"SELECT {TaskColumns} FROM {WorkflowModel.Tasks} WHERE id = $1", connection);
        command.Parameters.Add(PgRows.Parameter(NpgsqlDbType.Uuid, taskId));
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? ReadTask(reader) : null;
    }

    static WorkflowTask ReadTask(DbDataReader r, int at = 0) => new()
    {
        Id = r.GetGuid(at), InstanceId = r.GetGuid(at + 1), Unit = r.GetString(at + 2), Role = r.GetString(at + 3),
        Outcomes = r.GetString(at + 4), Status = (WorkflowTaskStatus)r.GetInt32(at + 5), ClaimedBy = r.IsDBNull(at + 6) ? null : r.GetString(at + 6),
    };

    public async Task<EventOpening> OpenEventAsync(string name, string correlationId, Guid after, CancellationToken ct)
    {
        NpgsqlParameter[] Keys() => [PgRows.Parameter(NpgsqlDbType.Text, name), PgRows.Parameter(NpgsqlDbType.Text, correlationId), PgRows.Parameter(NpgsqlDbType.Uuid, after)];
        await using var batch = Batch();
        Begin(batch);
        batch.BatchCommands.Add(Command(EventLockSql, Keys()));
        // After the lock, a statement of its own (it sees what the lock's previous holder committed): the instance's
        // bookmarks for the event are deleted, and the instance is read along with them.
        batch.BatchCommands.Add(Command(EventConsumptionSql, Keys()));

        await using var reader = await batch.ExecuteReaderAsync(ct); // on the lock's result (BEGIN and SET return none)
        Guid? locked = null;
        var candidates = 0;
        if (await reader.ReadAsync(ct))
        {
            locked = reader.GetGuid(0);
            candidates = reader.GetInt32(2);
        }
        await reader.NextResultAsync(ct);
        WorkflowInstance? instance = null;
        var consumed = new List<Guid>();
        while (await reader.ReadAsync(ct))
        {
            consumed.Add(reader.GetGuid(0));
            instance ??= ReadInstance(reader, 1);
        }
        return new EventOpening(locked, candidates, instance, consumed);
    }

    public async Task<EventsOpening> OpenEventsAsync(IReadOnlyList<EventKey> events, CancellationToken ct)
    {
        string[] names = [.. events.Select(e => e.Name)], correlations = [.. events.Select(e => e.CorrelationId)], ids = [.. events.Select(e => e.EventId)];
        NpgsqlParameter[] Keys() => [PgRows.Parameter(NpgsqlDbType.Array | NpgsqlDbType.Text, names),
            PgRows.Parameter(NpgsqlDbType.Array | NpgsqlDbType.Text, correlations), PgRows.Parameter(NpgsqlDbType.Array | NpgsqlDbType.Text, ids)];
        await using var batch = Batch();
        Begin(batch);
        batch.BatchCommands.Add(Command(EventsLockSql, Keys()));
        batch.BatchCommands.Add(Command(EventsMatchedSql, Keys()));
        batch.BatchCommands.Add(Command(EventsConsumptionSql, Keys()));

        await using var reader = await batch.ExecuteReaderAsync(ct); // on the lock's result
        await reader.NextResultAsync(ct);
        var matched = new Dictionary<int, int>();
        while (await reader.ReadAsync(ct)) matched[reader.GetInt32(0)] = reader.GetInt32(1);
        await reader.NextResultAsync(ct);
        var resumptions = new List<EventResumption>();
        List<Guid>? consumed = null;
        while (await reader.ReadAsync(ct))
        {
            var instanceId = reader.GetGuid(2);
            if (resumptions.Count == 0 || resumptions[^1].Instance.Id != instanceId)
            {
                consumed = [];
                resumptions.Add(new EventResumption(reader.GetInt32(1), ReadInstance(reader, 2), consumed));
            }
            consumed!.Add(reader.GetGuid(0));
        }
        return new EventsOpening(matched, resumptions);
    }

    public async Task WriteAsync(IReadOnlyList<BurstExecution> bursts, bool newInstances, IReadOnlyCollection<string> publishedGuards, CancellationToken ct)
    {
        try
        {
            await WriteCoreAsync(bursts, newInstances, publishedGuards, ct);
        }
        catch (PostgresException e) when (newInstances && publishedGuards.Count > 0 && e.SqlState == GuardFailed)
        {
            throw new PublishedVersionChangedException();
        }
    }

    async Task WriteCoreAsync(IReadOnlyList<BurstExecution> bursts, bool newInstances, IReadOnlyCollection<string> publishedGuards, CancellationToken ct)
    {
        // Incident rows and the host's effects go through the context (the host's writer adds its outbox rows to it).
        var tracked = bursts.Any(b => b.Effects.Count > 0 || b.FaultIncident is not null || b.ResolvedIncident is not null);
        if (tracked)
        {
            var previous = (db.Database.AutoTransactionBehavior, db.Database.AutoSavepointsEnabled);
            try
            {
                db.Database.AutoTransactionBehavior = AutoTransactionBehavior.Never;
                db.Database.AutoSavepointsEnabled = false;
                foreach (var burst in bursts) await TrackedRows.AddIncidentAndEffectsAsync(db, services, burst, options, ct);
                if (db.ChangeTracker.Entries().Any(e => e.State != EntityState.Added))
                {
                    // Rare (an incident updated): let EF write the tracked rows inside this transaction first.
                    if (!inTransaction) await ExecuteAsync("BEGIN", ct);
                    inTransaction = true;
                    await db.SaveChangesAsync(ct);
                }
            }
            finally
            {
                (db.Database.AutoTransactionBehavior, db.Database.AutoSavepointsEnabled) = previous;
            }
        }

        // One statement (and COMMIT): the instances, their journal, new waits, consumed tasks' escalation timers, added rows.
        var write = new PgStatement();
        var model = db.Model;
        var many = bursts.Count > 1; // rows as arrays, instances in one UPDATE
        foreach (var guard in publishedGuards)
            write.Require($"SELECT 1 FROM {WorkflowModel.Definitions} WHERE id = {write.Parameter(NpgsqlDbType.Text, guard)} AND is_published");
        if (newInstances) PgRows.Insert(write, model, [.. bursts.Select(b => b.Instance)]);
        else UpdateInstances(write, [.. bursts.Select(b => b.Instance)]);
        PgRows.Insert(write, model, All(bursts, b => b.Journal), many);
        PgRows.Insert(write, model, All(bursts, b => b.NewTasks), many);
        PgRows.Insert(write, model, All(bursts, b => b.NewBookmarks), many);
        PgRows.Insert(write, model, All(bursts, b => b.NewTimers), many);
        PgRows.Insert(write, model, All(bursts, b => b.Receipts), many);
        // The escalation timers of tasks these bursts completed (no other part touches these rows).
        foreach (var id in bursts.SelectMany(b => b.EscalationTimersToDelete))
            write.AddExactlyOne($"DELETE FROM {WorkflowModel.Timers} WHERE id = {write.Parameter(NpgsqlDbType.Uuid, id)}");
        if (tracked)
        {
            // Rows the context tracks as added (effects, a new incident), grouped per table.
            foreach (var group in db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added).GroupBy(e => e.Metadata))
            {
                var entries = group.ToList();
                if (many) PgRows.InsertArrays(write, group.Key, entries.Count, i => entries[i].Entity);
                else PgRows.Insert(write, group.Key, entries.Count, i => entries[i].Entity);
            }
            db.ChangeTracker.Clear();
        }

        // Waits of earlier bursts that ended unconsumed, and escalations: each must hit its one row. A task's row may
        // be touched twice in rare bursts (escalated, then cancelled), so these are statements of their own.
        await using var batch = Batch();
        batch.BatchCommands.Add(write.ToCommand());
        foreach (var burst in bursts)
        {
            var now = burst.Now.ToUniversalTime();
            foreach (var wait in burst.CancelledWaits)
            {
                switch (wait.Kind)
                {
                    case WaitKind.Task:
                        One(batch, $"UPDATE {WorkflowModel.Tasks} SET status = {CancelledTask}, completed_at = $2", wait.Id, now);
                        if (wait.Escalation) One(batch, $"DELETE FROM {WorkflowModel.Timers}", wait.Id);
                        break;
                    case WaitKind.Event:
                        One(batch, $"DELETE FROM {WorkflowModel.Bookmarks}", wait.Id);
                        break;
                    case WaitKind.Timer:
                        One(batch, $"DELETE FROM {WorkflowModel.Timers}", wait.Id);
                        break;
                }
            }
            foreach (var id in burst.EscalatedTasks) One(batch, $"UPDATE {WorkflowModel.Tasks} SET escalated_at = $2", id, now);
        }

        if (inTransaction) batch.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
        await batch.ExecuteNonQueryAsync(ct);
        inTransaction = false;
    }

    /// <summary>What a burst changes in its instance's row: column, type, value.</summary>
    static readonly (string Column, NpgsqlDbType Type, Func<WorkflowInstance, object?> Value)[] ChangedColumns =
    [
        ("status", NpgsqlDbType.Integer, i => (int)i.Status),
        ("unit", NpgsqlDbType.Text, i => i.Unit),
        ("due_at", NpgsqlDbType.TimestampTz, i => i.DueAt?.ToUniversalTime()),
        ("variables", NpgsqlDbType.Text, i => i.Variables),
        ("properties", NpgsqlDbType.Text, i => i.Properties),
        ("state", NpgsqlDbType.Text, i => i.State),
        ("sequence", NpgsqlDbType.Bigint, i => i.Sequence),
        ("updated_at", NpgsqlDbType.TimestampTz, i => i.UpdatedAt.ToUniversalTime()),
        ("finished_at", NpgsqlDbType.TimestampTz, i => i.FinishedAt?.ToUniversalTime()),
    ];

    /// <summary>
    /// The instances' rows, each of which must be hit: one instance by key with a parameter per column; several in one
    /// UPDATE from one array per column (one plan node, whatever their number).
    /// </summary>
    static void UpdateInstances(PgStatement write, IReadOnlyList<WorkflowInstance> instances)
    {
        if (instances.Count == 1)
        {
            var instance = instances[0];
            var set = string.Join(", ", ChangedColumns.Select(c => $"{c.Column} = {write.Parameter(c.Type, c.Value(instance))}"));
            write.AddExactlyOne($"UPDATE {WorkflowModel.Instances} SET {set} WHERE id = {write.Parameter(NpgsqlDbType.Uuid, instance.Id)}");
            return;
        }
        string Array(NpgsqlDbType type, Func<WorkflowInstance, object?> value)
        {
            var values = System.Array.CreateInstance(type == NpgsqlDbType.Text ? typeof(string) : ElementType(type), instances.Count);
            for (var i = 0; i < instances.Count; i++) values.SetValue(value(instances[i]), i);
            return write.Parameter(NpgsqlDbType.Array | type, values);
        }
        var columns = string.Join(", ", ChangedColumns.Select(c => c.Column));
        write.AddExactly($"UPDATE {WorkflowModel.Instances} i SET {string.Join(", ", ChangedColumns.Select(c => $"{c.Column} = v.{c.Column}"))} "
            + $"FROM unnest({Array(NpgsqlDbType.Uuid, i => i.Id)}, {string.Join(", ", ChangedColumns.Select(c => Array(c.Type, c.Value)))}) "
            + $"AS v(id, {columns}) WHERE i.id = v.id", instances.Count);
    }

    static Type ElementType(NpgsqlDbType type) => type switch
    {
        NpgsqlDbType.Uuid => typeof(Guid),
        NpgsqlDbType.Integer => typeof(int?),
        NpgsqlDbType.Bigint => typeof(long?),
        NpgsqlDbType.TimestampTz => typeof(DateTimeOffset?),
        _ => throw new NotSupportedException(type.ToString()),
    };

    static IReadOnlyList<T> All<T>(IReadOnlyList<BurstExecution> bursts, Func<BurstExecution, List<T>> rows) =>
        bursts.Count == 1 ? rows(bursts[0]) : [.. bursts.SelectMany(rows)];

    /// <summary>A key-only UPDATE/DELETE (<paramref name="write"/> without its WHERE) that must hit its one row.</summary>
    static void One(NpgsqlBatch batch, string write, Guid id, DateTimeOffset? at = null)
    {
        var statement = new PgStatement();
        var key = statement.Parameter(NpgsqlDbType.Uuid, id);
        if (at is not null) statement.Parameter(NpgsqlDbType.TimestampTz, at);
        statement.AddExactlyOne($"{write} WHERE id = {key}");
        batch.BatchCommands.Add(statement.ToCommand());
    }

    async Task ExecuteAsync(string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    public async Task RollbackAsync()
    {
        if (!inTransaction) return;
        inTransaction = false;
        await ExecuteAsync("ROLLBACK", CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            // Also after a failed statement: the transaction is then aborted and waits for this.
            if (inTransaction && connection.FullState == System.Data.ConnectionState.Open) await ExecuteAsync("ROLLBACK", CancellationToken.None);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or OperationCanceledException)
        {
            // A broken or cancelled connection: the server rolls back by itself, and the pool resets or drops the connector.
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    static WorkflowInstance ReadInstance(DbDataReader r, int o = 0) => new()
    {
        Id = r.GetGuid(o), DefinitionId = r.GetString(o + 1), DefinitionVersionId = r.GetString(o + 2), DefinitionVersion = r.GetInt32(o + 3),
        Status = (WorkflowStatus)r.GetInt32(o + 4), CorrelationId = Text(r, o + 5), Reference = Text(r, o + 6), Unit = Text(r, o + 7),
        DueAt = Time(r, o + 8), Input = r.GetString(o + 9), Variables = r.GetString(o + 10), Properties = r.GetString(o + 11),
        State = r.GetString(o + 12), Sequence = r.GetInt64(o + 13), StartedBy = Text(r, o + 14), CreatedAt = Time(r, o + 15)!.Value,
        UpdatedAt = Time(r, o + 16)!.Value, FinishedAt = Time(r, o + 17),
    };

    static string? Text(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    static DateTimeOffset? Time(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetFieldValue<DateTimeOffset>(i);
}
