using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using PublicServices.Identity.Data;
using PublicServices.Identity.Data.Seed;
using PublicServices.Identity.Tests.Infrastructure;
using PublicServices.Testing;

namespace PublicServices.Identity.Tests;

/// <summary>Outside the Demo environment: no start on published or weak secrets, no demo officers, no demo clients.</summary>
public sealed class ProductionModeTests : IAsyncLifetime
{
    PostgresDatabase database = null!;

    public async Task InitializeAsync() => database = await PostgresDatabase.CreateAsync("identity");
    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task Production_refuses_to_start_on_the_demo_client_secrets_and_names_the_setting()
    {
        await using var app = IdentityFactory.InProduction(database,
            ("Identity:Clients:web:ClientSecret", "dev-only-web-secret"),
            ("Identity:Clients:svc-dossiers:ClientSecret", "dev-only-svc-dossiers-secret"),
            ("Identity:Clients:svc-workflow:ClientSecret", "dev-only-svc-workflow-secret"));

        var error = Assert.ThrowsAny<Exception>(() => app.Server);

        Assert.Contains("Identity:Clients:web:ClientSecret is a published demo value", error.Message, StringComparison.Ordinal);
        Assert.Contains("Identity:Clients:svc-workflow:ClientSecret is a published demo value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_refuses_to_start_without_client_secrets()
    {
        await using var app = IdentityFactory.InProduction(database);

        var error = Assert.ThrowsAny<Exception>(() => app.Server);

        Assert.Contains("Identity:Clients:svc-dossiers:ClientSecret is empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_refuses_to_start_on_a_client_secret_shorter_than_32_characters()
    {
        await using var app = IdentityFactory.InProduction(database,
            [.. ProductionSettings.StrongSecrets().Where(s => !s.Key.Contains(":web:", StringComparison.Ordinal)),
                ("Identity:Clients:web:ClientSecret", ProductionSettings.NewSecret()[..31])]);

        var error = Assert.ThrowsAny<Exception>(() => app.Server);

        Assert.Contains("Identity:Clients:web:ClientSecret is shorter than 32 characters", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("svc-dossiers", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_seeds_no_demo_officer_administrator_or_demo_client()
    {
        await using var app = IdentityFactory.InProduction(database, ProductionSettings.StrongSecrets());
        _ = app.Server;

        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        foreach (var (userName, _, _, _) in IdentitySeeder.Staff)
            Assert.Null(await users.FindByNameAsync(userName));
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        Assert.Null(await applications.FindByClientIdAsync("demo-business"));
        Assert.NotNull(await applications.FindByClientIdAsync("web"));
    }

    [Fact]
    public async Task A_database_from_a_demo_run_loses_its_demo_passwords_and_demo_client_in_production()
    {
        await using (var demo = IdentityFactory.OnPostgres(database))
            await Oidc.SignInAsync(demo, "desk@000.20.01.H10", demo.OfficerPassword);

        await using var app = IdentityFactory.InProduction(database, ProductionSettings.StrongSecrets());
        using var browser = app.Browser();
        using var login = await Oidc.SubmitLoginAsync(browser, new Uri("/account/login", UriKind.Relative), "desk@000.20.01.H10", "Demo@12345");

        Assert.DoesNotContain(login.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith("ps.identity=", StringComparison.Ordinal)));
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        Assert.False(await users.HasPasswordAsync((await users.FindByNameAsync("desk@000.20.01.H10"))!));
        Assert.False(await users.HasPasswordAsync((await users.FindByNameAsync("admin"))!));
        Assert.Null(await scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>().FindByClientIdAsync("demo-business"));
    }
}
