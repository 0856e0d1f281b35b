using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace PublicServices.Dossiers.Data;

/// <summary>Lets `dotnet ef migrations add` build the PostgreSQL model offline; the connection is never opened.</summary>
sealed class DesignTimeDossiersDbFactory : IDesignTimeDbContextFactory<DossiersDb>
{
    public DossiersDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<DossiersDb>().UseNpgsql("Host=localhost;Database=dossiers_design").Options);
}
