using Microsoft.EntityFrameworkCore;
using PublicServices.Workflows.Persistence;

namespace PublicServices.Workflows.Runtime;

/// <summary>
/// Puts one burst's results into the DbContext: inserts are batched into the single SaveChanges that follows,
/// ended waits become key-only updates/deletes in the same batch, effects go to the host's outbox writer.
/// (SQLite, and PostgreSQL through <c>PostgresDistributedLock</c>; PostgreSQL's own path is <see cref="PgBurst"/>.)
/// </summary>
internal static class BurstWriter
{
    public static async Task WriteAsync(DbContext db, BurstExecution burst, bool isNewInstance, IWorkflowEffectWriter? effects,
        WorkflowRuntimeOptions options, CancellationToken ct)
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
            var task = new WorkflowTask { Id = id };
            db.Attach(task);
            task.EscalatedAt = burst.Now;
        }

        await WriteIncidentAndEffectsAsync(db, burst, effects, options, ct);
    }

    /// <summary>The incident row (new, updated or resolved) and the host's effects, through the context.</summary>
    public static async Task WriteIncidentAndEffectsAsync(DbContext db, BurstExecution burst, IWorkflowEffectWriter? effects,
        WorkflowRuntimeOptions options, CancellationToken ct)
    {
        if (burst.FaultIncident is { } incident && burst.Fault is { } fault)
        {
            var row = incident.IsNew
                ? db.Add(new Incident { Id = incident.Id, InstanceId = burst.Instance.Id, CreatedAt = burst.Now }).Entity
                : await db.Set<Incident>().FirstAsync(i => i.Id == incident.Id, ct);
            row.ActivityId = fault.ActivityId;
            row.ActivityType = fault.ActivityType;
            row.Message = fault.Message.Length > 4000 ? fault.Message[..4000] : fault.Message;
            row.Attempts++;
            row.LastAttemptAt = burst.Now;
            row.NextAttemptAt = row.Attempts >= options.IncidentMaxAttempts ? null : burst.Now + Backoff(options, row.Attempts);
            row.ResolvedAt = null;
        }
        if (burst.ResolvedIncident is { } resolved)
        {
            var row = await db.Set<Incident>().FirstAsync(i => i.Id == resolved, ct);
            row.ResolvedAt = burst.Now;
            row.NextAttemptAt = null;
        }

        if (burst.Effects.Count > 0)
        {
            if (effects is null) throw new InvalidOperationException("Register an IWorkflowEffectWriter: the workflow produced effects.");
            await effects.WriteAsync(db, burst.Effects, ct);
        }
    }

    /// <summary>Exponential backoff: base × 2^(attempts−1), capped.</summary>
    public static TimeSpan Backoff(WorkflowRuntimeOptions options, int attempts)
    {
        var factor = Math.Pow(2, Math.Min(attempts - 1, 30));
        var delay = TimeSpan.FromTicks((long)Math.Min(options.IncidentBackoff.Ticks * factor, options.IncidentBackoffMax.Ticks));
        return delay;
    }
}
