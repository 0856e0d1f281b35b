using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace PublicServices.ServiceDefaults.Messaging;

public static class MessagingModel
{
    public const string OutboxTable = "outbox_messages";
    public const string InboxTable = "inbox_records";
    public const int TypeMaxLength = 100;
    public const int ErrorMaxLength = 2000;

    /// <summary>
    /// Maps <see cref="OutboxMessage"/> (table outbox_messages) and <see cref="InboxRecord"/> (inbox_records) with
    /// snake_case columns, whatever the service's own naming.
    /// </summary>
    /// <remarks>
    /// Instants are stored as UTC date-times: timestamptz on PostgreSQL as before, and sortable text on SQLite, which
    /// cannot compare DateTimeOffset values. That lets the dispatcher filter and order them on both providers.
    /// </remarks>
    public static ModelBuilder AddMessaging(this ModelBuilder modelBuilder, DatabaseFacade database)
    {
        // The order key is the payload's dossier, read by the database itself so that no writer can forget it.
        var orderKey = database.IsSqlite()
            ? $"json_extract(payload, '$.{EventEnvelope.OrderKeyProperty}')"
            : $"(payload::jsonb) ->> '{EventEnvelope.OrderKeyProperty}'";
        modelBuilder.Entity<OutboxMessage>(e =>
        {
            e.ToTable(OutboxTable);
            e.HasKey(o => o.Id);
            e.Property(o => o.Id).HasColumnName("id");
            e.Property(o => o.Type).HasColumnName("type").HasMaxLength(TypeMaxLength);
            e.Property(o => o.Payload).HasColumnName("payload");
            e.Property(o => o.OccurredAt).HasColumnName("occurred_at").HasConversion(UtcConverter);
            e.Property(o => o.DispatchedAt).HasColumnName("dispatched_at").HasConversion(NullableUtcConverter);
            e.Property(o => o.Attempts).HasColumnName("attempts");
            e.Property(o => o.NextAttemptAt).HasColumnName("next_attempt_at").HasConversion(NullableUtcConverter);
            e.Property(o => o.LastError).HasColumnName("last_error").HasMaxLength(ErrorMaxLength);
            e.Property(o => o.Poisoned).HasColumnName("poisoned");
            e.Property(o => o.OrderKey).HasColumnName("order_key").HasComputedColumnSql(orderKey, stored: true);
            // Only undelivered rows are indexed: the table keeps every event, the dispatcher looks at the few pending.
            e.HasIndex(o => o.OccurredAt).HasDatabaseName("IX_outbox_messages_pending").HasFilter(PendingFilter);
            e.HasIndex(o => new { o.OrderKey, o.OccurredAt }).HasDatabaseName("IX_outbox_messages_pending_order").HasFilter(PendingFilter);
        });
        modelBuilder.Entity<InboxRecord>(e =>
        {
            e.ToTable(InboxTable);
            e.HasKey(r => r.EventId);
            e.Property(r => r.EventId).HasColumnName("event_id");
            e.Property(r => r.Type).HasColumnName("type").HasMaxLength(TypeMaxLength);
            e.Property(r => r.ProcessedAt).HasColumnName("processed_at").HasConversion(UtcConverter);
        });
        return modelBuilder;
    }

    const string PendingFilter = "dispatched_at IS NULL AND NOT poisoned";

    static readonly ValueConverter<DateTimeOffset, DateTime> UtcConverter = new(
        v => v.UtcDateTime, v => new DateTimeOffset(DateTime.SpecifyKind(v, DateTimeKind.Utc)));

    static readonly ValueConverter<DateTimeOffset?, DateTime?> NullableUtcConverter = new(
        v => v.HasValue ? v.Value.UtcDateTime : null, v => v.HasValue ? new DateTimeOffset(DateTime.SpecifyKind(v.Value, DateTimeKind.Utc)) : null);
}
