using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using PublicServices.ServiceDefaults.Audit;
using PublicServices.ServiceDefaults.Messaging;

namespace PublicServices.Documents.Data;

public sealed class DocumentsDb(DbContextOptions<DocumentsDb> options) : DbContext(options)
{
    public DbSet<Document> Documents => Set<Document>();
    public DbSet<ResultDocument> Results => Set<ResultDocument>();
    public DbSet<SigningCertificate> SigningCertificates => Set<SigningCertificate>();
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.AddAuditLog();
        model.AddMessaging(Database);
        var r = model.Entity<ResultDocument>();
        r.ToTable("results");
        r.HasKey(x => x.Id);
        r.Property(x => x.Id).ValueGeneratedNever();
        r.HasIndex(x => x.DossierId).IsUnique();
        r.HasIndex(x => x.Sha256);
        r.Property(x => x.DossierCode).HasMaxLength(100);
        r.Property(x => x.ProcedureCode).HasMaxLength(50);
        r.Property(x => x.ProcedureName).HasMaxLength(500);
        r.Property(x => x.AgencyCode).HasMaxLength(50);
        r.Property(x => x.AgencyName).HasMaxLength(300);
        r.Property(x => x.ApplicantId).HasMaxLength(200);
        r.Property(x => x.Decision).HasMaxLength(50);
        r.Property(x => x.Note).HasMaxLength(ResultLimits.Note);
        r.Property(x => x.DeliveryMethod).HasMaxLength(16);
        r.Property(x => x.DeliveryAddress).HasMaxLength(ResultLimits.Address);
        r.Property(x => x.Sha256).HasMaxLength(64);
        r.Property(x => x.FileName).HasMaxLength(FileNameLimit);
        r.Property(x => x.StorageKey).HasMaxLength(100);
        r.Property(x => x.CertificateThumbprint).HasMaxLength(64);
        r.Property(x => x.DispatchedBy).HasMaxLength(200);
        r.Property(x => x.TrackingNumber).HasMaxLength(ResultLimits.TrackingNumber);
        var c = model.Entity<SigningCertificate>();
        c.ToTable("signing_certificates");
        c.HasKey(x => x.AgencyCode);
        c.Property(x => x.AgencyCode).HasMaxLength(50);
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
