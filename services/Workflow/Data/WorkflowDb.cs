using Microsoft.EntityFrameworkCore;
using PublicServices.ServiceDefaults.Audit;
using PublicServices.WorkflowEngine.Persistence;

namespace PublicServices.Workflow.Data;

/// <summary>
/// The workflow service's database: the engine's tables (definitions, instances, tasks, bookmarks, timers,
/// incidents, journal) and the service's outbox and inbox, so a step and the events it causes commit together.
/// </summary>
public sealed class WorkflowDb(DbContextOptions<WorkflowDb> options) : DbContext(options)
{
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    public DbSet<InboxRecord> Inbox => Set<InboxRecord>();
    public DbSet<WorkflowInstance> Instances => Set<WorkflowInstance>();
    public DbSet<WorkflowTask> Tasks => Set<WorkflowTask>();
    public DbSet<JournalEntry> Journal => Set<JournalEntry>();
    public DbSet<WorkflowDefinitionRecord> Definitions => Set<WorkflowDefinitionRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddWorkflowEngine(Database);
        modelBuilder.AddMessaging(Database);
        modelBuilder.AddAuditLog();
    }
}
