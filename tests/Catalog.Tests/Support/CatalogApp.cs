using System.Security.Claims;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using PublicServices.Catalog.Data;
using PublicServices.Testing;

namespace PublicServices.Catalog.Tests.Support;

/// <summary>
/// The catalog service running in process on its production settings: a fresh PostgreSQL database (migrated and
/// seeded by the service's own start-up) and tokens from a real issuer served over HTTP.
/// </summary>
public sealed class CatalogApp : IAsyncLifetime
{
    PostgresDatabase? database;
    TestTokenIssuer? issuer;
    WebApplicationFactory<CatalogDbContext>? factory;

    public PostgresDatabase Database => database!;
    public TestTokenIssuer Issuer => issuer!;
    public IServiceProvider Services => factory!.Services;

    public async Task InitializeAsync()
    {
        database = await PostgresDatabase.CreateAsync("catalog");
        issuer = await TestTokenIssuer.StartAsync();
        factory = Replica(database, issuer);
        _ = factory.Server;
    }

    /// <summary>
    /// One instance of the service on the given database. CatalogDbContext stands in for the entry point: Program
    /// is not public, because several services' Program types meet in some test runs.
    /// </summary>
    public static WebApplicationFactory<CatalogDbContext> Replica(PostgresDatabase database, TestTokenIssuer issuer) =>
        new WebApplicationFactory<CatalogDbContext>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Testing");
            web.UseSetting("Database:Provider", "Postgres");
            web.UseSetting("ConnectionStrings:catalog", database.ConnectionString);
            web.UseSetting("Auth:Authority", issuer.Authority);
            web.UseSetting("Auth:Issuer", TestTokenIssuer.Issuer);
        });

    public HttpClient Client(string? token = null, string? language = null) => factory!.Client(token, language);

    /// <summary>An administrator's token for the catalog (role admin, scope catalog).</summary>
    public string AdminToken(string audience = CatalogService.Scope, string scope = CatalogService.Scope, bool forge = false,
        TimeSpan? lifetime = null) =>
        Issuer.Token(audience, [new Claim("sub", "admin-1"), new Claim("role", "admin"), new Claim("scope", scope)], lifetime, forge: forge);

    /// <summary>Runs work against the service's own database, through its own DbContext.</summary>
    public async Task<T> WithDb<T>(Func<CatalogDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<CatalogDbContext>());
    }

    public async Task DisposeAsync()
    {
        if (factory is not null) await factory.DisposeAsync();
        if (issuer is not null) await issuer.DisposeAsync();
        if (database is not null) await database.DisposeAsync();
    }
}
