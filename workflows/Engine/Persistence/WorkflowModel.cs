using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace PublicServices.WorkflowEngine.Persistence;

/// <summary>The runtime's tables, added to the host's own DbContext (so effects share its transaction and outbox).</summary>
public static class WorkflowModel
{
    internal const string Instances = "workflow_instances";
    internal const string Tasks = "workflow_tasks";
    internal const string Bookmarks = "workflow_bookmarks";
    internal const string Timers = "workflow_timers";
    internal const string Incidents = "workflow_incidents";
    internal const string Journal = "workflow_journal";
    internal const string Receipts = "workflow_event_receipts";
    internal const string Definitions = "workflow_definitions";

    /// <summary>
    /// Maps the workflow tables (snake_case names, JSON as text, provider-neutral). Call from
    /// <c>OnModelCreating</c> with the context's <c>Database</c>: on SQLite, times are stored as UTC ticks so that
    /// due dates can be compared and sorted; on PostgreSQL they are <c>timestamptz</c>, always written in UTC.
    /// </summary>
    public static ModelBuilder AddWorkflowEngine(this ModelBuilder modelBuilder, DatabaseFacade database)
    {
        ArgumentNullException.ThrowIfNull(database);
        var sqlite = database.ProviderName?.Contains("Sqlite", StringComparison.OrdinalIgnoreCase) == true;
        var b = modelBuilder;

        b.Entity<WorkflowDefinitionRecord>(e =>
        {
            e.ToTable(Definitions);
            e.HasKey(d => d.Id);
            e.Property(d => d.Id).HasMaxLength(100);
            e.Property(d => d.DefinitionId).HasMaxLength(100);
            e.Property(d => d.Name).HasMaxLength(300);
            e.HasIndex(d => new { d.DefinitionId, d.Version }).IsUnique();
        });
        b.Entity<WorkflowInstance>(e =>
        {
            e.ToTable(Instances);
            e.HasKey(i => i.Id);
            e.Property(i => i.DefinitionId).HasMaxLength(100);
            e.Property(i => i.DefinitionVersionId).HasMaxLength(100);
            e.Property(i => i.CorrelationId).HasMaxLength(100);
            e.Property(i => i.Unit).HasMaxLength(50);
            e.Property(i => i.Reference).HasMaxLength(100);
            e.Property(i => i.StartedBy).HasMaxLength(200);
            e.HasIndex(i => i.CorrelationId);
            e.HasIndex(i => new { i.Status, i.CreatedAt });
            e.HasIndex(i => new { i.Unit, i.Status, i.DueAt });
            e.HasIndex(i => new { i.DefinitionId, i.DefinitionVersion });
            // Every step rewrites its instance's row; free space in each page lets PostgreSQL keep the new version
            // there and skip the indexes when no indexed column changed (a HOT update), as between two tasks.
            if (!sqlite) e.HasStorageParameter("fillfactor", 80);
        });
        b.Entity<WorkflowTask>(e =>
        {
            e.ToTable(Tasks);
            e.HasKey(t => t.Id);
            e.Property(t => t.ActivityId).HasMaxLength(100);
            e.Property(t => t.Unit).HasMaxLength(50);
            e.Property(t => t.Role).HasMaxLength(50);
            e.Property(t => t.TitleVi).HasMaxLength(500);
            e.Property(t => t.TitleEn).HasMaxLength(500);
            e.Property(t => t.Reference).HasMaxLength(100);
            e.Property(t => t.CorrelationId).HasMaxLength(100);
            e.Property(t => t.ClaimedBy).HasMaxLength(200);
            e.Property(t => t.ClaimedByName).HasMaxLength(300);
            e.Property(t => t.Outcome).HasMaxLength(100);
            e.Property(t => t.Comment).HasMaxLength(4000);
            e.Property(t => t.CompletedBy).HasMaxLength(200);
            e.Property(t => t.CompletedByName).HasMaxLength(300);
            // The inbox: open tasks of a unit and role, by deadline. Partial, so finished tasks (the vast majority
            // after a while) cost the inbox nothing.
            e.HasIndex(t => new { t.Unit, t.Role, t.DueAt, t.Id }).HasDatabaseName("ix_workflow_tasks_inbox")
                .HasFilter($"status < {(int)WorkflowTaskStatus.Completed}");
            e.HasIndex(t => t.InstanceId);
        });
        b.Entity<Bookmark>(e =>
        {
            e.ToTable(Bookmarks);
            e.HasKey(x => x.Id);
            e.Property(x => x.ActivityId).HasMaxLength(100);
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.CorrelationId).HasMaxLength(100);
            e.HasIndex(x => new { x.Name, x.CorrelationId });
            e.HasIndex(x => x.InstanceId);
        });
        b.Entity<WorkflowTimer>(e =>
        {
            e.ToTable(Timers);
            e.HasKey(x => x.Id);
            e.Property(x => x.ActivityId).HasMaxLength(100);
            e.HasIndex(x => x.DueAt);
            e.HasIndex(x => x.InstanceId);
        });
        b.Entity<Incident>(e =>
        {
            e.ToTable(Incidents);
            e.HasKey(x => x.Id);
            e.Property(x => x.ActivityId).HasMaxLength(100);
            e.Property(x => x.ActivityType).HasMaxLength(100);
            e.Property(x => x.Message).HasMaxLength(4000);
            e.HasIndex(x => x.NextAttemptAt).HasFilter($"{Column(nameof(Incident.ResolvedAt))} IS NULL");
            e.HasIndex(x => x.InstanceId);
        });
        b.Entity<JournalEntry>(e =>
        {
            e.ToTable(Journal);
            e.HasKey(x => new { x.InstanceId, x.Seq });
            e.Property(x => x.ActivityId).HasMaxLength(100);
            e.Property(x => x.ActivityType).HasMaxLength(100);
            e.Property(x => x.Event).HasMaxLength(50);
            e.Property(x => x.ActorId).HasMaxLength(200);
            e.Property(x => x.ActorName).HasMaxLength(300);
        });
        b.Entity<EventReceipt>(e =>
        {
            e.ToTable(Receipts);
            e.HasKey(x => new { x.EventId, x.InstanceId });
            e.Property(x => x.EventId).HasMaxLength(100);
        });

        foreach (var type in new[] { typeof(WorkflowDefinitionRecord), typeof(WorkflowInstance), typeof(WorkflowTask), typeof(Bookmark),
                     typeof(WorkflowTimer), typeof(Incident), typeof(JournalEntry), typeof(EventReceipt) })
        {
            var entity = b.Entity(type);
            foreach (var property in entity.Metadata.GetProperties())
            {
                var column = entity.Property(property.Name);
                column.HasColumnName(SnakeCase(property.Name));
                if (property.ClrType == typeof(DateTimeOffset) || property.ClrType == typeof(DateTimeOffset?))
                    Convert(column, sqlite);
            }
        }
        return modelBuilder;
    }

    static void Convert(PropertyBuilder column, bool sqlite)
    {
        // SQLite cannot compare DateTimeOffset text, so sorting by a due date would fail; UTC ticks compare exactly.
        // PostgreSQL timestamptz only accepts offset 0, and the calendar hands out Vietnam-local offsets.
        if (sqlite) column.HasConversion(new UtcTicksConverter());
        else column.HasConversion(new UtcConverter());
    }

    /// <summary>The column of a property (snake_case, as every workflow table names them).</summary>
    internal static string Column(string property) => SnakeCase(property);

    internal static string SnakeCase(string name)
    {
        var s = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0) s.Append('_');
            s.Append(char.ToLowerInvariant(name[i]));
        }
        return s.ToString();
    }

    sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));

    sealed class UtcConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(v => v.ToUniversalTime(), v => v);
}
