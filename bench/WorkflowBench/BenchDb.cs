using Microsoft.EntityFrameworkCore;
using PublicServices.ServiceDefaults.Messaging;
using PublicServices.WorkflowEngine.Execution;
using PublicServices.WorkflowEngine.Persistence;
using PublicServices.WorkflowEngine.Stores;

namespace PublicServices.Bench.Workflow;

/// <summary>
/// The database as the workflow service has it (services/Workflow/Data/WorkflowDb): the runtime's tables and the
/// service's outbox and inbox. The schema comes from the same model (EnsureCreated on a fresh database).
/// </summary>
public sealed class BenchDb(DbContextOptions<BenchDb> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddWorkflowEngine(Database);
        modelBuilder.AddMessaging(Database);
    }
}

/// <summary>Effects go to the outbox in the burst's transaction, as the workflow service's writer does.</summary>
public sealed class BenchEffectWriter : IWorkflowEffectWriter
{
    public ValueTask WriteAsync(DbContext db, IReadOnlyList<WorkflowEffect> effects, CancellationToken cancellationToken)
    {
        var outbox = db.Set<OutboxMessage>();
        for (var i = 0; i < effects.Count; i++)
            outbox.Add(new OutboxMessage
            {
                Id = effects[i].Id, Type = effects[i].Type, Payload = effects[i].Payload,
                OccurredAt = effects[i].OccurredAt.ToUniversalTime() + i * TimeSpan.FromMicroseconds(1),
            });
        return ValueTask.CompletedTask;
    }
}
