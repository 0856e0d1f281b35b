using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace PublicServices.Web.Data;

/// <summary>Lets `dotnet ef migrations add` build the PostgreSQL model offline (no server is contacted).</summary>
public sealed class DesignTimeWebDbFactory : IDesignTimeDbContextFactory<WebDb>
{
    public WebDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<WebDb>().UseNpgsql("Host=localhost;Database=web_design").Options);
}
