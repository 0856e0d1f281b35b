using Microsoft.EntityFrameworkCore;
using PublicServices.WorkflowEngine.Execution;
using PublicServices.WorkflowEngine.Persistence;
using PublicServices.WorkflowEngine.Stores;

namespace PublicServices.WorkflowEngine.Tests.Support;

/// <summary>A host database like the workflow service's: the runtime's tables plus the host's own outbox.</summary>
public sealed class TestDb(DbContextOptions<TestDb> options) : DbContext(options)
{
    public DbSet<OutboxRow> Outbox => Set<OutboxRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddWorkflowEngine(Database);
        modelBuilder.Entity<OutboxRow>(e =>
        {
            e.ToTable("test_outbox");
            e.HasKey(o => o.Id);
            e.Property(o => o.OccurredAt).HasConversion(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
        });
    }
}

/// <summary>An outbox message as a host would store it.</summary>
public sealed class OutboxRow
{
    public Guid Id { get; set; }
    public string Type { get; set; } = "";
    public string Payload { get; set; } = "";
    public DateTimeOffset OccurredAt { get; set; }
    public Guid InstanceId { get; set; }
    /// <summary>Write order (effects of one burst share their time).</summary>
    public long Position { get; set; }
}

/// <summary>Writes effects into the test outbox, in the burst's own DbContext and transaction.</summary>
public sealed class OutboxEffectWriter : IWorkflowEffectWriter
{
    static long position;

    public ValueTask WriteAsync(DbContext db, IReadOnlyList<WorkflowEffect> effects, CancellationToken cancellationToken)
    {
        db.Set<OutboxRow>().AddRange(effects.Select(e => new OutboxRow
        {
            Id = e.Id, Type = e.Type, Payload = e.Payload, OccurredAt = e.OccurredAt, InstanceId = e.InstanceId,
            Position = Interlocked.Increment(ref position),
        }));
        return ValueTask.CompletedTask;
    }
}
