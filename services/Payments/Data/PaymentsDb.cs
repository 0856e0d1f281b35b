using Microsoft.EntityFrameworkCore;
using PublicServices.ServiceDefaults;
using PublicServices.ServiceDefaults.Audit;

namespace PublicServices.Payments.Data;

/// <summary>The payments service's own database. Table and column names are snake_case so hand-written SQL reads naturally.</summary>
public sealed class PaymentsDb(DbContextOptions<PaymentsDb> options) : DbContext(options)
{
    public DbSet<Invoice> Invoices => Set<Invoice>();
    public DbSet<PaymentSession> Sessions => Set<PaymentSession>();
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    public DbSet<InboxRecord> Inbox => Set<InboxRecord>();

    public const string SessionsTable = "payment_sessions";
    public const string InvoicesTable = "invoices";

    protected override void ConfigureConventions(ModelConfigurationBuilder conventions) => conventions.StoreInstantsAsUtcTicksOnSqlite(this);

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.Entity<Invoice>(e =>
        {
            e.ToTable(InvoicesTable);
            e.HasKey(i => i.Id);
            // One invoice per PaymentRequested event: a redelivery, even racing, creates nothing more.
            e.HasIndex(i => i.RequestEventId).IsUnique();
            e.HasIndex(i => i.DossierId);
            e.Property(i => i.DossierCode).HasMaxLength(100);
            e.Property(i => i.AgencyCode).HasMaxLength(50);
            e.Property(i => i.Currency).HasMaxLength(3);
            e.Property(i => i.Note).HasMaxLength(2000);
            e.Property(i => i.ApplicantId).HasMaxLength(200);
            e.Property(i => i.RefundedBy).HasMaxLength(200);
            e.Property(i => i.RefundTransactionNo).HasMaxLength(100);
        });
        b.Entity<PaymentSession>(e =>
        {
            e.ToTable(SessionsTable);
            e.HasKey(s => s.Id);
            e.HasIndex(s => s.TxnRef).IsUnique();
            e.HasIndex(s => s.InvoiceId);
            // Reconciliation looks only at the few sessions still pending.
            e.HasIndex(s => s.ExpiresAt).HasFilter("status = 0");
            e.Property(s => s.Provider).HasMaxLength(20);
            e.Property(s => s.TxnRef).HasMaxLength(100);
            e.Property(s => s.ApplicantId).HasMaxLength(200);
            e.Property(s => s.RedirectUrl).HasMaxLength(4000);
            e.Property(s => s.ReturnPath).HasMaxLength(PaymentLimits.ReturnPathMaxLength);
            e.Property(s => s.Locale).HasMaxLength(5);
            e.Property(s => s.ProviderTransactionNo).HasMaxLength(100);
            e.Property(s => s.BankCode).HasMaxLength(50);
            e.Property(s => s.ResponseCode).HasMaxLength(10);
            e.Property(s => s.SettledBy).HasMaxLength(20);
        });
        b.AddMessaging(Database);
        b.AddAuditLog();

        b.UseSnakeCaseColumns();
    }
}

/// <summary>Sizes the API and the database agree on.</summary>
public static class PaymentLimits
{
    public const int ReturnPathMaxLength = 500;
}
