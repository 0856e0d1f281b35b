using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using PublicServices.ServiceDefaults.Audit;

namespace PublicServices.Identity.Data;

/// <summary>Users and roles (ASP.NET Core Identity), OpenIddict's clients, scopes and tokens, and shared keys.</summary>
public sealed class IdentityDb(DbContextOptions<IdentityDb> options)
    : IdentityDbContext<ApplicationUser, IdentityRole, string>(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys { get; set; } = null!;
    public DbSet<ServerKey> ServerKeys { get; set; } = null!;
    public DbSet<LoginFailure> LoginFailures { get; set; } = null!;
    public DbSet<OutgoingMail> MailQueue { get; set; } = null!;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.AddAuditLog();
        builder.Entity<ApplicationUser>(u =>
        {
            u.Property(x => x.FullName).HasMaxLength(200);
            u.Property(x => x.NationalId).HasMaxLength(12);
            u.Property(x => x.AgencyCode).HasMaxLength(50);
            u.Property(x => x.Language).HasMaxLength(10);
            // The database has the last word on uniqueness: two registrations racing each other cannot both win.
            u.HasIndex(x => x.NationalId).IsUnique();
            u.HasIndex(x => x.NormalizedEmail).HasDatabaseName("EmailIndex").IsUnique();
        });
        builder.Entity<OutgoingMail>(m =>
        {
            m.ToTable("MailQueue");
            m.HasKey(x => x.Id);
            m.Property(x => x.To).HasMaxLength(OutgoingMail.AddressMaxLength);
            m.Property(x => x.Subject).HasMaxLength(OutgoingMail.SubjectMaxLength);
            m.Property(x => x.LastError).HasMaxLength(OutgoingMail.ErrorMaxLength);
            // The sender's question: what is due, oldest first.
            m.HasIndex(x => new { x.SentAt, x.GaveUp, x.CreatedAt });
        });
        builder.Entity<ServerKey>(k =>
        {
            k.ToTable("ServerKeys");
            k.HasKey(x => x.Id);
            k.Property(x => x.Id).HasMaxLength(32);
        });
        builder.Entity<LoginFailure>(f =>
        {
            f.ToTable("LoginFailures");
            f.HasKey(x => x.Key);
            f.Property(x => x.Key).HasMaxLength(44);
            f.HasIndex(x => x.LastFailureAt); // forgetting old counts
        });
    }
}
