using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using PublicServices.Catalog.Data;
using PublicServices.Catalog.Seed;
using PublicServices.Catalog.Tests.Support;
using PublicServices.Testing;

namespace PublicServices.Catalog.Tests;

/// <summary>The embedded mode: no server at all, a SQLite file created from the model and seeded.</summary>
public sealed class SqliteStartupTests
{
    [Fact]
    public async Task The_service_starts_on_sqlite_seeds_itself_and_searches_without_diacritics()
    {
        var root = Directory.CreateTempSubdirectory("catalog-sqlite-");
        try
        {
            await using (var factory = new WebApplicationFactory<CatalogDbContext>().WithWebHostBuilder(web =>
            {
                web.UseSetting("Database:Provider", "Sqlite");
                web.UseSetting("Database:DataRoot", root.FullName);
            }))
            {
                var client = factory.CreateClient();
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
                var all = await (await client.GetAsync("/api/catalog/procedures")).Json(HttpStatusCode.OK);
                Assert.Equal(6, all["total"]!.GetValue<int>());
                Assert.Equal([SeedProcedures.BirthRegistration], (await (await client.GetAsync("/api/catalog/procedures?q=dang%20ky%20khai%20sinh")).Json(HttpStatusCode.OK)).Codes());
                Assert.Equal([SeedProcedures.BirthRegistration, SeedProcedures.BusinessHousehold, SeedProcedures.CivilStatusExtractCopy],
                    (await (await client.GetAsync("/api/catalog/procedures?agency=" + SeedAgencies.PhoHienWard)).Json(HttpStatusCode.OK)).Codes());
                var detail = await (await client.GetAsync("/api/catalog/procedures/" + SeedProcedures.JudicialRecord)).Json(HttpStatusCode.OK);
                Assert.Equal(200_000, detail["totalFee"]!.GetValue<long>());
                Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsync($"/api/catalog/procedures/{SeedProcedures.MarriageRegistration}/publish", null)).StatusCode);
            }
            Assert.True(File.Exists(Path.Combine(root.FullName, "catalog.db")));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            root.Delete(recursive: true);
        }
    }
}
