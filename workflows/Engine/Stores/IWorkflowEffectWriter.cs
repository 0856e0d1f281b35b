using Microsoft.EntityFrameworkCore;
using PublicServices.WorkflowEngine.Execution;

namespace PublicServices.WorkflowEngine.Stores;

/// <summary>
/// Supplied by the host: writes effects into its outbox through the same DbContext, inside the burst's transaction
/// (add entities; the runtime calls SaveChanges and commits). Nothing is written if the burst rolls back.
/// </summary>
public interface IWorkflowEffectWriter
{
    /// <summary>Adds the effects of one burst to <paramref name="db"/>.</summary>
    ValueTask WriteAsync(DbContext db, IReadOnlyList<WorkflowEffect> effects, CancellationToken cancellationToken);
}
