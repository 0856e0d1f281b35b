using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace PublicServices.Web.Data;

/// <summary>
/// The front end's own database: the people's sessions (their tokens stay here, the browser holds only the session's
/// id in a cookie) and the data-protection keys that encrypt cookies and antiforgery tokens, so every replica reads them.
/// </summary>
public sealed class WebDb(DbContextOptions<WebDb> options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<WebSession> Sessions => Set<WebSession>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.Entity<WebSession>(e =>
        {
            e.ToTable("sessions");
            e.HasKey(s => s.Id);
            e.Property(s => s.Id).HasMaxLength(64);
            e.Property(s => s.UserId).HasMaxLength(100);
            e.Property(s => s.Device).HasMaxLength(300);
            e.HasIndex(s => s.UserId);
            e.HasIndex(s => s.ExpiresAt);
        });
        b.Entity<DataProtectionKey>().ToTable("data_protection_keys");
    }
}

/// <summary>
/// One signed-in browser: its ticket (protected), whose it is, and what the person sees in their device list. Times are
/// UTC <see cref="DateTime"/>s: SQLite (the embedded mode) compares those, not offsets.
/// </summary>
public sealed class WebSession
{
    public string Id { get; set; } = "";
    public string UserId { get; set; } = "";
    /// <summary>The authentication ticket with the tokens, encrypted with the data-protection keys.</summary>
    public byte[] Ticket { get; set; } = [];
    public string Device { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime LastSeenAt { get; set; }
    public DateTime ExpiresAt { get; set; }
}

