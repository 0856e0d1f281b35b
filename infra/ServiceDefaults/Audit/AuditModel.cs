using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace PublicServices.ServiceDefaults.Audit;

public static class AuditModel
{
    public const string Table = "audit_log";

    /// <summary>Maps <see cref="AuditEntry"/> (table audit_log) with snake_case columns, whatever the service's own naming.</summary>
    public static ModelBuilder AddAuditLog(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<AuditEntry>(e =>
        {
            e.ToTable(Table);
            e.HasKey(a => a.Id);
            e.Property(a => a.Id).HasColumnName("id");
            // UTC date-times, as the outbox stores them: sortable on SQLite too.
            e.Property(a => a.At).HasColumnName("at").HasConversion(new ValueConverter<DateTimeOffset, DateTime>(
                v => v.UtcDateTime, v => new DateTimeOffset(DateTime.SpecifyKind(v, DateTimeKind.Utc))));
            e.Property(a => a.Actor).HasColumnName("actor").HasMaxLength(200);
            e.Property(a => a.ActorName).HasColumnName("actor_name").HasMaxLength(200);
            e.Property(a => a.Action).HasColumnName("action").HasMaxLength(100);
            e.Property(a => a.Target).HasColumnName("target").HasMaxLength(200);
            e.Property(a => a.Details).HasColumnName("details");
            e.Property(a => a.Seq).HasColumnName("seq");
            e.Property(a => a.PreviousHash).HasColumnName("previous_hash").HasMaxLength(64);
            e.Property(a => a.Hash).HasColumnName("hash").HasMaxLength(64);
            e.HasIndex(a => a.Seq).IsUnique().HasDatabaseName("IX_audit_log_seq");
            // The sealer looks only at the few entries not sealed yet.
            e.HasIndex(a => a.At).HasDatabaseName("IX_audit_log_unsealed").HasFilter("seq IS NULL");
        });
        return modelBuilder;
    }
}
