using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PublicServices.Catalog.Data;
using PublicServices.Catalog.Seed;
using PublicServices.Catalog.Tests.Support;
using PublicServices.Testing;

namespace PublicServices.Catalog.Tests;

public sealed class ReplicaStartupTests
{
    [Fact]
    public async Task Two_replicas_starting_together_on_an_empty_database_migrate_and_seed_it_once()
    {
        await using var database = await PostgresDatabase.CreateAsync("catalog_replicas");
        await using var issuer = await TestTokenIssuer.StartAsync();
        await using var first = CatalogApp.Replica(database, issuer);
        await using var second = CatalogApp.Replica(database, issuer);

        await Task.WhenAll(Task.Run(() => first.Server), Task.Run(() => second.Server));

        foreach (var replica in new[] { first, second })
        {
            var page = await (await replica.CreateClient().GetAsync("/api/catalog/procedures")).Json(HttpStatusCode.OK);
            Assert.Equal(6, page["total"]!.GetValue<int>());
        }
        await using var scope = first.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
        Assert.Equal(SeedProcedures.All().Count, await db.Procedures.CountAsync());
        Assert.Equal(SeedAgencies.All().Count, await db.Agencies.CountAsync());
        Assert.All(await db.Procedures.Select(p => p.Version).ToListAsync(), v => Assert.Equal(1, v));
    }
}
