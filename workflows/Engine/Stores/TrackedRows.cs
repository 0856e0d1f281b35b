using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PublicServices.WorkflowEngine.Execution;
using PublicServices.WorkflowEngine.Persistence;

namespace PublicServices.WorkflowEngine.Stores;

/// <summary>
/// What every store writes through the DbContext's change tracker, whatever writes the rest: the burst's incident
/// (new, updated or resolved) and the host's effects (its outbox rows, added by the host's <see cref="IWorkflowEffectWriter"/>).
/// </summary>
internal static class TrackedRows
{
    public static async Task AddIncidentAndEffectsAsync(DbContext db, IServiceProvider services, BurstExecution burst, WorkflowRuntimeOptions options,
        CancellationToken ct)
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
            var effects = services.GetService<IWorkflowEffectWriter>()
                ?? throw new InvalidOperationException("Register an IWorkflowEffectWriter: the workflow produced effects.");
            await effects.WriteAsync(db, burst.Effects, ct);
        }
    }

    /// <summary>Exponential backoff: base × 2^(attempts−1), capped.</summary>
    public static TimeSpan Backoff(WorkflowRuntimeOptions options, int attempts)
    {
        var factor = Math.Pow(2, Math.Min(attempts - 1, 30));
        return TimeSpan.FromTicks((long)Math.Min(options.IncidentBackoff.Ticks * factor, options.IncidentBackoffMax.Ticks));
    }
}
