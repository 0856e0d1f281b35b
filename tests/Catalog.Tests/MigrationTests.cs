using Microsoft.EntityFrameworkCore;
using PublicServices.Catalog.Data;

namespace PublicServices.Catalog.Tests;

public sealed class MigrationTests
{
    /// <summary>What <c>dotnet ef migrations has-pending-model-changes</c> checks: the last migration's snapshot is the model.</summary>
    [Fact]
    public void The_migrations_describe_the_whole_model()
    {
        using var db = new DesignTimeCatalogDbContextFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), "the model has changed since the last migration: add one");
    }
}
