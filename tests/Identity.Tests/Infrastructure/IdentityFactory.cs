using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PublicServices.Identity.Data;
using PublicServices.ServiceDefaults;
using PublicServices.Testing;

namespace PublicServices.Identity.Tests.Infrastructure;

/// <summary>
/// The real identity service in process, on a real database, configured the way production is but in the Demo
/// environment (its demo officers and client secrets) unless a test names another.
/// </summary>
public sealed class IdentityFactory(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<IdentityDb>
{
    public static IdentityFactory OnPostgres(PostgresDatabase database, params (string Key, string? Value)[] extra) =>
        new(DatabaseSettings(database, extra));

    /// <summary>In the Production environment: only appsettings.json and these settings, no demo file.</summary>
    public static IdentityFactory InProduction(PostgresDatabase database, params (string Key, string? Value)[] extra) =>
        new(DatabaseSettings(database, extra)) { Environment = Environments.Production };

    static Dictionary<string, string?> DatabaseSettings(PostgresDatabase database, (string Key, string? Value)[] extra) =>
        new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:identity"] = database.ConnectionString,
        }.Concat(extra.Select(e => KeyValuePair.Create(e.Key, e.Value))).ToDictionary();

    /// <summary>Replaces services after the app's own registrations, for what configuration cannot set.</summary>
    public Action<IServiceCollection>? TestServices { get; init; }

    public string Environment { get; init; } = ProductionSecrets.DemoEnvironment;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        foreach (var (key, value) in settings)
            builder.UseSetting(key, value);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "None");
        if (TestServices is not null) builder.ConfigureTestServices(TestServices);
    }

    /// <summary>A browser-like client: keeps cookies, does not follow redirects (each hop is checked).</summary>
    public HttpClient Browser(CookieContainer? cookies = null) =>
        CreateDefaultClient(new Uri("http://localhost/"), new CookieContainerHandler(cookies ?? new CookieContainer()));

    public IdentityOptions Settings => Services.GetRequiredService<IOptions<IdentityOptions>>().Value;

    public ClientOptions Client(string clientId) => Settings.Clients[clientId];

    public string OfficerPassword => Settings.Seed.OfficerPassword;
}

/// <summary>One database and one running service for a test class.</summary>
public class IdentityFixture : IAsyncLifetime
{
    PostgresDatabase? database;
    public IdentityFactory App { get; private set; } = null!;

    /// <summary>For a second service on the same database, configured otherwise.</summary>
    public PostgresDatabase Database => database ?? throw new InvalidOperationException("The fixture has not started.");

    /// <summary>Settings over appsettings.json, for a fixture of another configuration.</summary>
    protected virtual (string Key, string? Value)[] Settings => [];

    public async Task InitializeAsync()
    {
        database = await PostgresDatabase.CreateAsync("identity");
        App = IdentityFactory.OnPostgres(database, Settings);
        _ = App.Server; // start now, so the first test does not pay for it inside its own timing
    }

    public async Task DisposeAsync()
    {
        if (App is not null) await App.DisposeAsync();
        if (database is not null) await database.DisposeAsync();
    }
}

/// <summary>The production setting: officers must log in with an authenticator app.</summary>
public sealed class OfficerTotpRequiredFixture : IdentityFixture
{
    protected override (string Key, string? Value)[] Settings => [("Identity:RequireOfficerTotp", "true")];
}
