using Microsoft.EntityFrameworkCore;
using PublicServices.ServiceDefaults;

namespace PublicServices.Dossiers.Data;

/// <summary>The dossiers service's own database. Table and column names are snake_case so hand-written SQL reads naturally.</summary>
public sealed class DossiersDb(DbContextOptions<DossiersDb> options) : DbContext(options)
{
    public DbSet<Dossier> Dossiers => Set<Dossier>();
    public DbSet<TimelineEntry> Timeline => Set<TimelineEntry>();
    public DbSet<Draft> Drafts => Set<Draft>();
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    public DbSet<InboxRecord> Inbox => Set<InboxRecord>();
    public DbSet<Supplement> Supplements => Set<Supplement>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();
    public DbSet<DailyCounter> DailyCounters => Set<DailyCounter>();

    // SQLite cannot compare DateTimeOffset text, so sorting by time would fail there; as UTC ticks it can, exactly.
    protected override void ConfigureConventions(ModelConfigurationBuilder conventions) => conventions.StoreInstantsAsUtcTicksOnSqlite(this);

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.Entity<Dossier>(e =>
        {
            e.ToTable("dossiers");
            e.HasKey(d => d.Id);
            e.Property(d => d.Code).HasMaxLength(100);
            e.HasIndex(d => d.Code).IsUnique();
            e.Property(d => d.ApplicantId).HasMaxLength(200);
            e.Property(d => d.ApplicantName).HasMaxLength(300);
            e.Property(d => d.ProcedureCode).HasMaxLength(50);
            e.Property(d => d.ProcedureNameVi).HasMaxLength(500);
            e.Property(d => d.ProcedureNameEn).HasMaxLength(500);
            e.Property(d => d.AgencyCode).HasMaxLength(50);
            e.Property(d => d.WorkflowDefinitionId).HasMaxLength(100);
            e.HasIndex(d => new { d.ApplicantId, d.SubmittedAt });
            e.HasIndex(d => new { d.AgencyCode, d.SubmittedAt });
            e.HasMany(d => d.Timeline).WithOne().HasForeignKey(t => t.DossierId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<TimelineEntry>(e =>
        {
            e.ToTable("timeline_entries");
            e.Property(t => t.ActorId).HasMaxLength(200);
            e.Property(t => t.ActorName).HasMaxLength(300);
            e.Property(t => t.Note).HasMaxLength(2000);
            e.Property(t => t.Reason).HasMaxLength(2000);
            e.Property(t => t.Kind).HasMaxLength(50);
        });
        b.Entity<Supplement>(e =>
        {
            e.ToTable("supplements");
            e.Property(s => s.Note).HasMaxLength(Supplement.MaxNoteLength);
            e.HasIndex(s => s.RequestId).IsUnique();
            e.HasIndex(s => s.DossierId);
        });
        b.Entity<Draft>(e =>
        {
            e.ToTable("drafts");
            e.Property(d => d.OwnerId).HasMaxLength(200);
            e.Property(d => d.ProcedureCode).HasMaxLength(50);
            e.HasIndex(d => new { d.OwnerId, d.UpdatedAt });
        });
        b.AddMessaging(Database);
        b.Entity<IdempotencyRecord>(e =>
        {
            e.ToTable("idempotency_records");
            e.HasKey(r => new { r.ApplicantId, r.Key });
            e.Property(r => r.ApplicantId).HasMaxLength(200);
            e.Property(r => r.Key).HasMaxLength(IdempotencyKeyMaxLength);
            e.Property(r => r.RequestHash).HasMaxLength(64);
        });
        b.Entity<DailyCounter>(e =>
        {
            e.ToTable(DossierNumbers.Table);
            e.HasKey(c => new { c.AgencyCode, c.Day });
            e.Property(c => c.AgencyCode).HasMaxLength(50);
        });

        b.UseSnakeCaseColumns();
    }

    public const int IdempotencyKeyMaxLength = 200;
}
