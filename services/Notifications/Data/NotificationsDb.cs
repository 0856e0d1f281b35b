using Microsoft.EntityFrameworkCore;
using PublicServices.ServiceDefaults;

namespace PublicServices.Notifications.Data;

/// <summary>The notifications service's own database: the deliveries (its queue), their log, the SMS log and the preferences.</summary>
public sealed class NotificationsDb(DbContextOptions<NotificationsDb> options) : DbContext(options)
{
    public DbSet<Delivery> Deliveries => Set<Delivery>();
    public DbSet<DeliveryAttempt> DeliveryLog => Set<DeliveryAttempt>();
    public DbSet<SmsLogEntry> SmsLog => Set<SmsLogEntry>();
    public DbSet<Preference> Preferences => Set<Preference>();
    public DbSet<InboxRecord> Inbox => Set<InboxRecord>();

    public const string DeliveriesTable = "deliveries";

    protected override void ConfigureConventions(ModelConfigurationBuilder conventions) => conventions.StoreInstantsAsUtcTicksOnSqlite(this);

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.Entity<Delivery>(e =>
        {
            e.ToTable(DeliveriesTable);
            e.Property(d => d.Template).HasMaxLength(100);
            e.Property(d => d.Channel).HasMaxLength(20);
            e.Property(d => d.UserId).HasMaxLength(200);
            e.Property(d => d.Recipient).HasMaxLength(300);
            e.Property(d => d.Language).HasMaxLength(5);
            e.Property(d => d.Subject).HasMaxLength(500);
            e.Property(d => d.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(d => d.LastError).HasMaxLength(Delivery.ErrorMaxLength);
            // The sender looks only at what waits; sent and dead rows stay for the record.
            e.HasIndex(d => d.NextAttemptAt).HasFilter("status = 'Pending'");
            e.HasIndex(d => d.DossierId);
            e.HasIndex(d => new { d.UserId, d.CreatedAt });
        });
        b.Entity<DeliveryAttempt>(e =>
        {
            e.ToTable("delivery_log");
            e.Property(a => a.Channel).HasMaxLength(20);
            e.Property(a => a.Recipient).HasMaxLength(300);
            e.Property(a => a.Template).HasMaxLength(100);
            e.Property(a => a.Outcome).HasMaxLength(20);
            e.Property(a => a.Error).HasMaxLength(Delivery.ErrorMaxLength);
            e.HasIndex(a => a.DeliveryId);
            e.HasIndex(a => new { a.DossierId, a.At });
        });
        b.Entity<SmsLogEntry>(e =>
        {
            e.ToTable("sms_log");
            e.Property(s => s.Phone).HasMaxLength(50);
            e.HasIndex(s => s.DeliveryId);
        });
        b.Entity<Preference>(e =>
        {
            e.ToTable("preferences");
            e.HasKey(p => p.UserId);
            e.Property(p => p.UserId).HasMaxLength(200);
            e.Property(p => p.Channels).HasMaxLength(50);
            e.Property(p => p.Language).HasMaxLength(5);
        });
        b.AddMessaging(Database);
        b.UseSnakeCaseColumns();
    }
}
