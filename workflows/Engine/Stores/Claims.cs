using PublicServices.WorkflowEngine.Persistence;

namespace PublicServices.WorkflowEngine.Stores;

/// <summary>
/// The SQL that claims due rows for the poller in a short transaction of their own: the rows get a lease, and on PostgreSQL
/// <c>FOR UPDATE SKIP LOCKED</c> makes a second replica polling at the same moment pass over them instead of
/// waiting or taking them too. Firing then happens in the instance's own burst, where a conditional DELETE
/// decides who fires a timer if a lease ever expires while its holder is still busy.
/// </summary>
internal static class Claims
{
    // The stores run these: <see cref="IWorkflowStore.ClaimTimersAsync"/>, <see cref="IWorkflowStore.ClaimIncidentsAsync"/>.
    // An incident's lease is a later next attempt: if this process dies, the incident is simply retried after it.

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
}
