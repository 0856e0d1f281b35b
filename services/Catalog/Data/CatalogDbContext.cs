using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using PublicServices.ServiceDefaults.Audit;

namespace PublicServices.Catalog.Data;

/// <summary>
/// The catalog's own database. The model stays provider-neutral (JSON as text), so the embedded SQLite mode can
/// create it from the model while PostgreSQL gets it from migrations; the trigram index is a PostgreSQL extra
/// that SQLite ignores.
/// </summary>
public sealed class CatalogDbContext(DbContextOptions<CatalogDbContext> options) : DbContext(options)
{
    public DbSet<Agency> Agencies => Set<Agency>();
    public DbSet<Procedure> Procedures => Set<Procedure>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.HasPostgresExtension("pg_trgm");
        model.AddAuditLog();

        model.Entity<Agency>(a =>
        {
            a.HasKey(x => x.Code);
            a.Property(x => x.Code).HasMaxLength(32);
            a.Property(x => x.NameVi).HasMaxLength(500);
            a.Property(x => x.NameEn).HasMaxLength(500);
            a.Property(x => x.Kind).HasConversion<string>().HasMaxLength(32);
            a.Property(x => x.ParentCode).HasMaxLength(32);
            a.Property(x => x.Path).HasMaxLength(1000);
            a.HasOne<Agency>().WithMany().HasForeignKey(x => x.ParentCode).OnDelete(DeleteBehavior.Restrict);
        });

        model.Entity<Procedure>(p =>
        {
            p.HasKey(x => x.Code);
            p.Property(x => x.Code).HasMaxLength(32);
            p.Property(x => x.NameVi).HasMaxLength(500);
            p.Property(x => x.NameEn).HasMaxLength(500);
            p.Property(x => x.AgencyCode).HasMaxLength(32);
            p.Property(x => x.LegalBasis).HasMaxLength(4000);
            p.Property(x => x.WorkflowDefinitionId).HasMaxLength(100);
            p.Property(x => x.SearchText).HasMaxLength(1200);
            p.Property(x => x.UpdatedBy).HasMaxLength(200);
            p.Property(x => x.Version).IsConcurrencyToken();
            p.Property(x => x.RequiredDocuments).HasConversion(JsonText<List<RequiredDocument>>.Converter, JsonText<List<RequiredDocument>>.Comparer);
            p.Property(x => x.Fees).HasConversion(JsonText<List<Fee>>.Converter, JsonText<List<Fee>>.Comparer);
            p.HasOne<Agency>().WithMany().HasForeignKey(x => x.AgencyCode).OnDelete(DeleteBehavior.Restrict);
            // Listing pages walk this index in code order; search terms use the trigram index.
            p.HasIndex(x => new { x.Published, x.Code });
            p.HasIndex(x => x.SearchText).HasMethod("gin").HasOperators("gin_trgm_ops");
        });
    }

    /// <summary>Small value lists stored as JSON text: read with the procedure, never queried into.</summary>
    static class JsonText<T> where T : class, new()
    {
        static readonly JsonSerializerOptions options = new(JsonSerializerDefaults.Web);
        static string Write(T value) => JsonSerializer.Serialize(value, options);
        static T Read(string text) => JsonSerializer.Deserialize<T>(text, options) ?? new T();

        public static readonly Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<T, string> Converter =
            new(v => Write(v), s => Read(s));
        public static readonly ValueComparer<T> Comparer =
            new((a, b) => Write(a!) == Write(b!), v => Write(v).GetHashCode(), v => Read(Write(v)));
    }
}
