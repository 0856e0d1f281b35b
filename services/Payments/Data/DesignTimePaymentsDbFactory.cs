using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace PublicServices.Payments.Data;

/// <summary>Lets `dotnet ef migrations add` build the PostgreSQL model offline; the connection is never opened.</summary>
sealed class DesignTimePaymentsDbFactory : IDesignTimeDbContextFactory<PaymentsDb>
{
    public PaymentsDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PaymentsDb>().UseNpgsql("Host=localhost;Database=payments_design").Options);
}
