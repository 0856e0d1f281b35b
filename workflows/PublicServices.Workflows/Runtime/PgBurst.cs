using System.Buffers.Binary;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using PublicServices.Workflows.Persistence;

namespace PublicServices.Workflows.Runtime;

/// <summary>
/// A burst on PostgreSQL in two round trips, with plain batches on the context's connection. The first batch
/// begins the transaction, takes the instance's transaction-scoped advisory lock, consumes the trigger's wait
/// (conditional UPDATE/DELETE) and reads what the burst needs; the second writes everything and commits. A start
/// needs no lock and is one batch (PostgreSQL runs a batch as one implicit transaction). Whatever is not committed
/// is rolled back when this object is disposed.
/// </summary>
internal sealed class PgBurst : IAsyncDisposable
{
    readonly DbContext db;
    readonly NpgsqlConnection connection;
    bool inTransaction;

    PgBurst(DbContext db, NpgsqlConnection connection)
    {
        this.db = db;
        this.connection = connection;
    }

    public static async Task<PgBurst> ConnectAsync(DbContext db, CancellationToken ct)
    {
        db.ChangeTracker.Clear(); // nothing left over from an earlier burst that failed in this scope
        await db.Database.OpenConnectionAsync(ct);
        return new PgBurst(db, (NpgsqlConnection)db.Database.GetDbConnection());
    }

    /// <summary>SQLSTATE of a write that did not hit its one row, or of the start's version guard (<see cref="PgStatement"/>).</summary>
    public const string GuardFailed = PostgresErrorCodes.DivisionByZero;

    const string InstanceColumns = "id, definition_id, definition_version_id, definition_version, status, correlation_id, agency_code, "
        + "dossier_code, dossier_status, statutory_working_days, clock, due_at, input, variables, state, sequence, started_by, "
        + "created_at, updated_at, finished_at";

    static readonly string InstanceColumnsOfI = string.Join(", ", InstanceColumns.Split(", ").Select(c => "i." + c));

    const string TaskColumns = "id, instance_id, agency_code, role, outcomes, status, claimed_by";

    static readonly string TaskLockSql = $"SELECT pg_advisory_xact_lock({LockKeySql("instance_id")}) FROM {WorkflowModel.Tasks} WHERE id = $1";

    static readonly string TaskCompletionSql = $"""
        WITH u AS (UPDATE {WorkflowModel.Tasks} SET status = 2, outcome = $2, comment = $3, attachments = $4, completed_by = $5, completed_by_name = $6,
            completed_at = $7 WHERE id = $1 AND (status = 0 OR (status = 1 AND claimed_by = $5)) RETURNING {TaskColumns})
        SELECT u.*, {InstanceColumnsOfI} FROM u LEFT JOIN {WorkflowModel.Instances} i ON i.id = u.instance_id
        """;

    /// <summary>The first instance (by id, after $3) with a bookmark for event $1 and correlation $2.</summary>
    const string FirstWaiting = $"SELECT instance_id FROM {WorkflowModel.Bookmarks} WHERE name = $1 AND correlation_id = $2 AND instance_id > $3 "
        + "ORDER BY instance_id LIMIT 1";

    static readonly string EventLockSql = $"""
        SELECT f.instance_id, pg_advisory_xact_lock({LockKeySql("f.instance_id")}),
            (SELECT count(DISTINCT instance_id)::int FROM {WorkflowModel.Bookmarks} WHERE name = $1 AND correlation_id = $2 AND instance_id > $3)
        FROM ({FirstWaiting}) f
        """;

    static readonly string EventConsumptionSql = $"""
        WITH d AS (DELETE FROM {WorkflowModel.Bookmarks} WHERE name = $1 AND correlation_id = $2 AND instance_id = ({FirstWaiting}) RETURNING id, instance_id)
        SELECT d.id, {InstanceColumnsOfI} FROM d JOIN {WorkflowModel.Instances} i ON i.id = d.instance_id
        """;

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

    NpgsqlBatch Batch() => new(connection);

    static NpgsqlBatchCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }

    /// <summary>BEGIN, and a bound on the wait for another burst of the same instance (it ends with the transaction).</summary>
    void Begin(NpgsqlBatch batch, TimeSpan lockTimeout)
    {
        batch.BatchCommands.Add(new NpgsqlBatchCommand("BEGIN"));
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"SET LOCAL lock_timeout = {(long)lockTimeout.TotalMilliseconds}"));
        inTransaction = true;
    }

    /// <summary>Locks an instance by id, runs the consumption (if any) and reads the instance.</summary>
    public async Task<(IReadOnlyList<Guid> Consumed, WorkflowInstance? Instance)> OpenAsync(Guid instanceId, Consumption? consumption,
        TimeSpan lockTimeout, CancellationToken ct)
    {
        await using var batch = Batch();
        Begin(batch, lockTimeout);
        batch.BatchCommands.Add(Command("SELECT pg_advisory_xact_lock($1)", PgRows.Parameter(NpgsqlDbType.Bigint, LockKey(instanceId))));
        if (consumption is not null)
        {
            var consume = new NpgsqlBatchCommand(consumption.PostgresSql);
            foreach (var (name, value) in consumption.Parameters) consume.Parameters.AddWithValue(name, value ?? DBNull.Value);
            batch.BatchCommands.Add(consume);
        }
        batch.BatchCommands.Add(Command($"SELECT {InstanceColumns} FROM {WorkflowModel.Instances} WHERE id = $1", PgRows.Parameter(NpgsqlDbType.Uuid, instanceId)));

        await using var reader = await batch.ExecuteReaderAsync(ct);
        await reader.NextResultAsync(ct); // past the lock's row
        var consumed = new List<Guid>();
        if (consumption is not null)
        {
            while (await reader.ReadAsync(ct)) consumed.Add(reader.GetGuid(0));
            await reader.NextResultAsync(ct);
        }
        var instance = await reader.ReadAsync(ct) ? ReadInstance(reader) : null;
        return (consumed, instance);
    }

    /// <summary>What the opening batch of a task completion found: the task as completed (null if it was not open) and its instance.</summary>
    public sealed record TaskOpening(WorkflowTask? Completed, WorkflowInstance? Instance);

    /// <summary>
    /// Locks the task's instance (found from the task in the same statement), completes the task if it is open or
    /// claimed by the officer (returning what the checks need), and reads the instance with it. The caller checks the
    /// officer's agency, role and outcome, and rolls back when they do not fit.
    /// </summary>
    public async Task<TaskOpening> OpenTaskAsync(CompleteTaskRequest request, string attachments, DateTimeOffset now, TimeSpan lockTimeout,
        CancellationToken ct)
    {
        var task = PgRows.Parameter(NpgsqlDbType.Uuid, request.TaskId);
        var actor = request.Actor;
        await using var batch = Batch();
        Begin(batch, lockTimeout);
        batch.BatchCommands.Add(Command(TaskLockSql, task.Clone()));
        // After the lock, one statement: the completion, and the instance read along with it.
        batch.BatchCommands.Add(Command(TaskCompletionSql, task.Clone(), PgRows.Parameter(NpgsqlDbType.Text, request.Outcome), PgRows.Parameter(NpgsqlDbType.Text, request.Comment),
            PgRows.Parameter(NpgsqlDbType.Text, attachments), PgRows.Parameter(NpgsqlDbType.Text, actor.Id),
            PgRows.Parameter(NpgsqlDbType.Text, actor.Name), PgRows.Parameter(NpgsqlDbType.TimestampTz, now.ToUniversalTime())));

        await using var reader = await batch.ExecuteReaderAsync(ct);
        await reader.NextResultAsync(ct); // past the lock's row (none if there is no such task)
        if (!await reader.ReadAsync(ct)) return new TaskOpening(null, null);
        const int instanceAt = 7; // TaskColumns come first
        return new TaskOpening(ReadTask(reader), reader.IsDBNull(instanceAt) ? null : ReadInstance(reader, instanceAt));
    }

    static readonly string TasksLockSql = $"""
        SELECT count(pg_advisory_xact_lock(s.k))::int FROM (SELECT DISTINCT {LockKeySql("t.instance_id")} AS k
            FROM {WorkflowModel.Tasks} t WHERE t.id = ANY($1) ORDER BY 1) s
        """;

    // Per instance, the first completion (by position) of a task still open or claimed by its officer; the others wait
    // for the caller to send them alone.
    static readonly string TasksCompletionSql = $"""
        WITH r AS (SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
                WITH ORDINALITY AS r(id, outcome, comment, attachments, actor, actor_name, ord)),
            f AS (SELECT DISTINCT ON (t.instance_id) r.* FROM r JOIN {WorkflowModel.Tasks} t ON t.id = r.id
                WHERE t.status = 0 OR (t.status = 1 AND t.claimed_by = r.actor) ORDER BY t.instance_id, r.ord),
            u AS (UPDATE {WorkflowModel.Tasks} t SET status = 2, outcome = f.outcome, comment = f.comment, attachments = f.attachments,
                    completed_by = f.actor, completed_by_name = f.actor_name, completed_at = $7
                FROM f WHERE t.id = f.id AND (t.status = 0 OR (t.status = 1 AND t.claimed_by = f.actor))
                RETURNING f.ord, {string.Join(", ", TaskColumns.Split(", ").Select(c => "t." + c))})
        SELECT u.*, {InstanceColumnsOfI} FROM u JOIN {WorkflowModel.Instances} i ON i.id = u.instance_id ORDER BY u.ord
        """;

    /// <summary>A task a batch of completions completed: the completion (its position), the task as completed, its instance.</summary>
    public sealed record TaskCompletion(int Request, WorkflowTask Task, WorkflowInstance Instance);

    /// <summary>
    /// A batch of completions in one round trip: locks the instances of all the tasks (in key order, so two batches
    /// cannot deadlock), then completes at most one task per instance (see <see cref="TasksCompletionSql"/>) and reads
    /// each with its instance. The caller checks the officers' agency, role and outcome, and rolls back when one does not fit.
    /// </summary>
    public async Task<IReadOnlyList<TaskCompletion>> OpenTasksAsync(IReadOnlyList<CompleteTaskRequest> requests, DateTimeOffset now,
        TimeSpan lockTimeout, CancellationToken ct)
    {
        NpgsqlParameter Texts(Func<CompleteTaskRequest, string?> value) =>
            PgRows.Parameter(NpgsqlDbType.Array | NpgsqlDbType.Text, requests.Select(value).ToArray());
        var ids = PgRows.Parameter(NpgsqlDbType.Array | NpgsqlDbType.Uuid, requests.Select(r => r.TaskId).ToArray());
        await using var batch = Batch();
        Begin(batch, lockTimeout);
        batch.BatchCommands.Add(Command(TasksLockSql, ids.Clone()));
        batch.BatchCommands.Add(Command(TasksCompletionSql, ids.Clone(), Texts(r => r.Outcome), Texts(r => r.Comment),
            Texts(r => WorkflowJson.Write(r.Attachments ?? [])), Texts(r => r.Actor.Id), Texts(r => r.Actor.Name),
            PgRows.Parameter(NpgsqlDbType.TimestampTz, now.ToUniversalTime())));

        await using var reader = await batch.ExecuteReaderAsync(ct); // on the lock's result
        await reader.NextResultAsync(ct);
        var completions = new List<TaskCompletion>();
        const int instanceAt = 8; // the position, then TaskColumns
        while (await reader.ReadAsync(ct))
            completions.Add(new TaskCompletion((int)reader.GetInt64(0) - 1, ReadTask(reader, 1), ReadInstance(reader, instanceAt)));
        return completions;
    }

    /// <summary>A task as it is now (what a refused completion is told by), outside any burst.</summary>
    public async Task<WorkflowTask?> ReadTaskAsync(Guid taskId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"SELECT {TaskColumns} FROM {WorkflowModel.Tasks} WHERE id = $1", connection);
        command.Parameters.Add(PgRows.Parameter(NpgsqlDbType.Uuid, taskId));
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? ReadTask(reader) : null;
    }

    static WorkflowTask ReadTask(DbDataReader r, int at = 0) => new()
    {
        Id = r.GetGuid(at), InstanceId = r.GetGuid(at + 1), AgencyCode = r.GetString(at + 2), Role = r.GetString(at + 3),
        Outcomes = r.GetString(at + 4), Status = (WorkflowTaskStatus)r.GetInt32(at + 5), ClaimedBy = r.IsDBNull(at + 6) ? null : r.GetString(at + 6),
    };

    /// <summary>What the opening batch of an event delivery found.</summary>
    /// <param name="Locked">The instance locked: the first (by id, after the previous one) waiting for the event.</param>
    /// <param name="Candidates">How many instances after the previous one waited for it when the batch began.</param>
    /// <param name="Instance">The instance whose bookmarks were deleted (null when none were: another delivery took them).</param>
    /// <param name="Consumed">The bookmarks deleted: the waits to resume.</param>
    public sealed record EventOpening(Guid? Locked, int Candidates, WorkflowInstance? Instance, IReadOnlyList<Guid> Consumed);

    /// <summary>
    /// Locks the first instance (by id, after <paramref name="after"/>) with a bookmark for the event, deletes its
    /// bookmarks for the event (the ids deleted are the waits to resume) and reads it.
    /// </summary>
    public async Task<EventOpening> OpenEventAsync(string name, string correlationId, Guid after, TimeSpan lockTimeout, CancellationToken ct)
    {
        NpgsqlParameter[] Keys() => [PgRows.Parameter(NpgsqlDbType.Text, name), PgRows.Parameter(NpgsqlDbType.Text, correlationId), PgRows.Parameter(NpgsqlDbType.Uuid, after)];
        await using var batch = Batch();
        Begin(batch, lockTimeout);
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

    /// <summary>The events of a batch: name, correlation id and event id per position (0-based).</summary>
    const string BatchEvents = "SELECT e.name, e.corr, e.event_id, (e.ord - 1)::int AS ord FROM unnest($1::text[], $2::text[], $3::text[]) "
        + "WITH ORDINALITY AS e(name, corr, event_id, ord)";

    static readonly string EventsLockSql = $"""
        SELECT count(pg_advisory_xact_lock(s.k))::int FROM (SELECT DISTINCT {LockKeySql("b.instance_id")} AS k
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
            l AS (SELECT m.* FROM m WHERE pg_try_advisory_xact_lock({LockKeySql("m.instance_id")})),
            d AS (DELETE FROM {WorkflowModel.Bookmarks} b USING l WHERE b.instance_id = l.instance_id AND b.name = l.name AND b.correlation_id = l.corr
                RETURNING b.id, b.instance_id, l.ord)
        SELECT d.id, d.ord, {InstanceColumnsOfI} FROM d JOIN {WorkflowModel.Instances} i ON i.id = d.instance_id ORDER BY d.instance_id
        """;

    /// <summary>One instance a batch of events resumes: the event (its position), the instance, the bookmarks deleted.</summary>
    public sealed record EventResumption(int Event, WorkflowInstance Instance, IReadOnlyList<Guid> Consumed);

    /// <summary>
    /// A batch of events in one round trip: locks every instance waiting for one of them (in key order, so two
    /// batches cannot deadlock), then per instance deletes its bookmarks for the first of the events it has not
    /// received yet, and reads it. <c>Matched</c>: per event, how many instances waited for it once the locks were held.
    /// </summary>
    public async Task<(IReadOnlyDictionary<int, int> Matched, IReadOnlyList<EventResumption> Resumptions)> OpenEventsAsync(IReadOnlyList<DeliverEventRequest> events,
        TimeSpan lockTimeout, CancellationToken ct)
    {
        string[] names = [.. events.Select(e => e.Name)], correlations = [.. events.Select(e => e.CorrelationId)], ids = [.. events.Select(e => e.EventId)];
        NpgsqlParameter[] Keys() => [PgRows.Parameter(NpgsqlDbType.Array | NpgsqlDbType.Text, names),
            PgRows.Parameter(NpgsqlDbType.Array | NpgsqlDbType.Text, correlations), PgRows.Parameter(NpgsqlDbType.Array | NpgsqlDbType.Text, ids)];
        await using var batch = Batch();
        Begin(batch, lockTimeout);
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
        return (matched, resumptions);
    }

    /// <summary>
    /// Writes a burst and commits: for a new instance one batch (with <paramref name="publishedGuard"/>, the version
    /// id that must still be the published one), for an existing one the second batch of its transaction.
    /// </summary>
    public Task WriteAsync(BurstExecution burst, bool isNewInstance, IWorkflowEffectWriter? effects, WorkflowRuntimeOptions options,
        string? publishedGuard, CancellationToken ct) =>
        WriteAsync([burst], isNewInstance, effects, options, publishedGuard is null ? [] : [publishedGuard], ct);

    /// <summary>Writes several bursts of existing instances (each locked by this transaction) and commits, in one batch.</summary>
    public Task WriteAsync(IReadOnlyList<BurstExecution> bursts, IWorkflowEffectWriter? effects, WorkflowRuntimeOptions options, CancellationToken ct) =>
        WriteAsync(bursts, isNewInstance: false, effects, options, [], ct);

    /// <summary>Writes several new instances' bursts and commits, in one batch, if every version id in <paramref name="publishedGuards"/> is still published.</summary>
    public Task WriteNewAsync(IReadOnlyList<BurstExecution> bursts, IWorkflowEffectWriter? effects, WorkflowRuntimeOptions options,
        IReadOnlyCollection<string> publishedGuards, CancellationToken ct) =>
        WriteAsync(bursts, isNewInstance: true, effects, options, publishedGuards, ct);

    async Task WriteAsync(IReadOnlyList<BurstExecution> bursts, bool isNewInstance, IWorkflowEffectWriter? effects, WorkflowRuntimeOptions options,
        IReadOnlyCollection<string> publishedGuards, CancellationToken ct)
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
                foreach (var burst in bursts) await BurstWriter.WriteIncidentAndEffectsAsync(db, burst, effects, options, ct);
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
        if (isNewInstance) PgRows.Insert(write, model, [.. bursts.Select(b => b.Instance)]);
        else
        {
            string P(NpgsqlDbType type, object? value) => write.Parameter(type, value);
            if (many) UpdateInstances(write, [.. bursts.Select(b => b.Instance)]);
            else foreach (var instance in bursts.Select(b => b.Instance))
                write.AddExactlyOne($"UPDATE {WorkflowModel.Instances} SET status = {P(NpgsqlDbType.Integer, (int)instance.Status)}, "
                    + $"agency_code = {P(NpgsqlDbType.Text, instance.AgencyCode)}, dossier_status = {P(NpgsqlDbType.Integer, instance.DossierStatus)}, "
                    + $"clock = {P(NpgsqlDbType.Text, instance.Clock)}, due_at = {P(NpgsqlDbType.TimestampTz, instance.DueAt?.ToUniversalTime())}, "
                    + $"variables = {P(NpgsqlDbType.Text, instance.Variables)}, state = {P(NpgsqlDbType.Text, instance.State)}, "
                    + $"sequence = {P(NpgsqlDbType.Bigint, instance.Sequence)}, updated_at = {P(NpgsqlDbType.TimestampTz, instance.UpdatedAt.ToUniversalTime())}, "
                    + $"finished_at = {P(NpgsqlDbType.TimestampTz, instance.FinishedAt?.ToUniversalTime())} WHERE id = {P(NpgsqlDbType.Uuid, instance.Id)}");
        }
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
                        One(batch, $"UPDATE {WorkflowModel.Tasks} SET status = 3, completed_at = $2", wait.Id, now);
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

    /// <summary>Several instances in one UPDATE (one plan node, whatever their number), from one array per column.</summary>
    static void UpdateInstances(PgStatement write, IReadOnlyList<WorkflowInstance> instances)
    {
        string A<T>(NpgsqlDbType type, Func<WorkflowInstance, T> value) => write.Parameter(NpgsqlDbType.Array | type, instances.Select(value).ToArray());
        write.AddExactly($"UPDATE {WorkflowModel.Instances} i SET status = v.status, agency_code = v.agency_code, dossier_status = v.dossier_status, "
            + "clock = v.clock, due_at = v.due_at, variables = v.variables, state = v.state, sequence = v.sequence, updated_at = v.updated_at, "
            + $"finished_at = v.finished_at FROM unnest({A(NpgsqlDbType.Uuid, i => i.Id)}, {A(NpgsqlDbType.Integer, i => (int)i.Status)}, "
            + $"{A(NpgsqlDbType.Text, i => i.AgencyCode)}, {A(NpgsqlDbType.Integer, i => i.DossierStatus)}, {A(NpgsqlDbType.Text, i => i.Clock)}, "
            + $"{A(NpgsqlDbType.TimestampTz, i => i.DueAt?.ToUniversalTime())}, {A(NpgsqlDbType.Text, i => i.Variables)}, {A(NpgsqlDbType.Text, i => i.State)}, "
            + $"{A(NpgsqlDbType.Bigint, i => i.Sequence)}, {A(NpgsqlDbType.TimestampTz, i => i.UpdatedAt.ToUniversalTime())}, "
            + $"{A(NpgsqlDbType.TimestampTz, i => i.FinishedAt?.ToUniversalTime())}) AS v(id, status, agency_code, dossier_status, clock, due_at, "
            + "variables, state, sequence, updated_at, finished_at) WHERE i.id = v.id", instances.Count);
    }

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

    /// <summary>Rolls back what the burst did so far (disposing does it too).</summary>
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
        Status = (WorkflowStatus)r.GetInt32(o + 4), CorrelationId = Text(r, o + 5), AgencyCode = Text(r, o + 6), DossierCode = Text(r, o + 7),
        DossierStatus = r.IsDBNull(o + 8) ? null : r.GetInt32(o + 8), StatutoryWorkingDays = r.IsDBNull(o + 9) ? null : r.GetDecimal(o + 9),
        Clock = Text(r, o + 10), DueAt = Time(r, o + 11), Input = r.GetString(o + 12), Variables = r.GetString(o + 13), State = r.GetString(o + 14),
        Sequence = r.GetInt64(o + 15), StartedBy = Text(r, o + 16), CreatedAt = Time(r, o + 17)!.Value, UpdatedAt = Time(r, o + 18)!.Value,
        FinishedAt = Time(r, o + 19),
    };

    static string? Text(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    static DateTimeOffset? Time(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetFieldValue<DateTimeOffset>(i);
}
