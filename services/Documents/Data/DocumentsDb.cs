using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using PublicServices.ServiceDefaults.Audit;

namespace PublicServices.Documents.Data;

public sealed class DocumentsDb(DbContextOptions<DocumentsDb> options) : DbContext(options)
{
    public DbSet<Document> Documents => Set<Document>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.AddAuditLog();
        var d = model.Entity<Document>();
        d.ToTable("documents");
        d.HasKey(x => x.Id);
        d.Property(x => x.Id).ValueGeneratedNever();
        d.Property(x => x.OwnerId).HasMaxLength(200);
        d.Property(x => x.ProcedureCode).HasMaxLength(50);
        d.Property(x => x.RequirementCode).HasMaxLength(100);
        d.Property(x => x.FileName).HasMaxLength(FileNameLimit);
        d.Property(x => x.ContentType).HasMaxLength(100);
        d.Property(x => x.Sha256).HasMaxLength(64);
        d.Property(x => x.DossierCode).HasMaxLength(50);
        d.Property(x => x.AgencyCode).HasMaxLength(50);
        d.Property(x => x.StorageKey).HasMaxLength(100);
        d.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        d.Ignore(x => x.IsAttached);
        d.HasIndex(x => new { x.OwnerId, x.CreatedAt });
        d.HasIndex(x => new { x.Status, x.ExpiresAt });
        d.HasIndex(x => x.DossierId);
    }

    /// <summary>Longest file name kept (characters, after sanitizing).</summary>
    public const int FileNameLimit = 255;

    // Every DateTime is UTC. SQLite hands them back as Unspecified; say what they are so JSON carries the "Z".
    protected override void ConfigureConventions(ModelConfigurationBuilder conventions) =>
        conventions.Properties<DateTime>().HaveConversion<UtcConverter>();

    sealed class UtcConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(), v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
