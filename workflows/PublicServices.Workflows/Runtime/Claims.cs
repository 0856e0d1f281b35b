using Microsoft.EntityFrameworkCore;
using PublicServices.Workflows.Persistence;

namespace PublicServices.Workflows.Runtime;

/// <summary>A due timer taken by this process for a while (its lease).</summary>
internal sealed record ClaimedTimer(Guid Id, Guid InstanceId, TimerKind Kind, Guid? TaskId);

/// <summary>A due incident taken by this process for a while.</summary>
internal sealed record ClaimedIncident(Guid Id, Guid InstanceId);

/// <summary>
/// Claims due rows for the poller in a short transaction of their own: the rows get a lease, and on PostgreSQL
/// <c>FOR UPDATE SKIP LOCKED</c> makes a second replica polling at the same moment pass over them instead of
/// waiting or taking them too. Firing then happens in the instance's own burst, where a conditional DELETE
/// decides who fires a timer if a lease ever expires while its holder is still busy.
/// </summary>
internal static class Claims
{
    public static async Task<IReadOnlyList<ClaimedTimer>> ClaimTimersAsync(DbContext db, DateTimeOffset now, WorkflowRuntimeOptions options, CancellationToken ct) =>
        await db.Database.SqlQueryRaw<ClaimedTimer>(TimersSql(db.Database.IsNpgsql()), Time(db, now + options.ClaimLease), Time(db, now), options.PollBatchSize)
            .ToListAsync(ct);

    // The lease is a later next attempt: if this process dies, the incident is simply retried after it.
    public static async Task<IReadOnlyList<ClaimedIncident>> ClaimIncidentsAsync(DbContext db, DateTimeOffset now, WorkflowRuntimeOptions options, CancellationToken ct) =>
        await db.Database.SqlQueryRaw<ClaimedIncident>(IncidentsSql(db.Database.IsNpgsql()), Time(db, now + options.ClaimLease), Time(db, now), options.PollBatchSize)
            .ToListAsync(ct);

    /// <summary>Leases ({0}: until) up to {2} timers due at {1}.</summary>
    internal static string TimersSql(bool postgres)
    {
        var (t, (open, close)) = (WorkflowModel.Timers, Due(postgres));
        return $$"""
            UPDATE {{t}} SET lease_until = {0}
            WHERE id {{open}}SELECT id FROM {{t}} WHERE due_at <= {1} AND (lease_until IS NULL OR lease_until < {1})
                         ORDER BY due_at LIMIT {2}{{close}}
            RETURNING id AS "Id", instance_id AS "InstanceId", kind AS "Kind", task_id AS "TaskId"
            """;
    }

    /// <summary>Moves the next attempt ({0}) of up to {2} incidents due at {1}.</summary>
    internal static string IncidentsSql(bool postgres)
    {
        var (i, (open, close)) = (WorkflowModel.Incidents, Due(postgres));
        return $$"""
            UPDATE {{i}} SET next_attempt_at = {0}
            WHERE id {{open}}SELECT id FROM {{i}} WHERE resolved_at IS NULL AND next_attempt_at <= {1}
                         ORDER BY next_attempt_at LIMIT {2}{{close}}
            RETURNING id AS "Id", instance_id AS "InstanceId"
            """;
    }

    /// <summary>
    /// How the UPDATE takes the ids its subquery picked. PostgreSQL: as an array (<c>= ANY(ARRAY(…))</c>), so the rows
    /// are fetched by primary key whatever the plan thinks of the LIMIT: with <c>IN (…)</c> a cached generic plan
    /// guessed a tenth of the table and hash-joined it by a sequential scan, every poll, on every replica.
    /// <c>FOR UPDATE SKIP LOCKED</c> lets a second replica polling at the same moment pass over the rows.
    /// </summary>
    static (string Open, string Close) Due(bool postgres) =>
        postgres ? ("= ANY(ARRAY(", " FOR UPDATE SKIP LOCKED))") : ("IN (", ")");

    // Times are stored as UTC ticks on SQLite (see WorkflowModel) and as timestamptz on PostgreSQL.
    static object Time(DbContext db, DateTimeOffset value) => db.Database.IsNpgsql() ? value.ToUniversalTime() : value.UtcTicks;
}
