using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace PublicServices.Notifications.Data;

/// <summary>Lets `dotnet ef migrations add` build the PostgreSQL model offline; the connection is never opened.</summary>
sealed class DesignTimeNotificationsDbFactory : IDesignTimeDbContextFactory<NotificationsDb>
{
    public NotificationsDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<NotificationsDb>().UseNpgsql("Host=localhost;Database=notifications_design").Options);
}
