using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace PublicServices.Identity.Data;

/// <summary>Lets `dotnet ef migrations add` build the PostgreSQL model offline (no server is contacted).</summary>
public sealed class DesignTimeIdentityDbFactory : IDesignTimeDbContextFactory<IdentityDb>
{
    public IdentityDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<IdentityDb>()
            .UseNpgsql("Host=localhost;Database=identity_design")
            .UseOpenIddict()
            .Options);
}
