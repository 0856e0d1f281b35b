using System.Net;
using Microsoft.AspNetCore.Builder;
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

    /// <summary>Replaces services after the app's own registrations, for what configuration cannot set (before the start).</summary>
    public Action<IServiceCollection>? TestServices { get; set; }

    public string Environment { get; init; } = ProductionSecrets.DemoEnvironment;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        // Mail goes to the test smtp4dev, and the queue is drained often so that tests need not wait.
        var smtp = TestServers.Smtp;
        builder.UseSetting("Identity:Smtp:Host", smtp.Host);
        builder.UseSetting("Identity:Smtp:Port", smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Identity:Smtp:PollInterval", "00:00:00.200");
        foreach (var (key, value) in settings)
            builder.UseSetting(key, value);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "None");
        builder.ConfigureServices(s => s.AddSingleton<IStartupFilter, GatewayPeer>());
        if (TestServices is not null) builder.ConfigureTestServices(TestServices);
    }

    /// <summary>A browser-like client: keeps cookies, does not follow redirects (each hop is checked).</summary>
    public HttpClient Browser(CookieContainer? cookies = null) =>
        CreateDefaultClient(new Uri("http://localhost/"), new CookieContainerHandler(cookies ?? new CookieContainer()));

    public IdentityOptions Settings => Services.GetRequiredService<IOptions<IdentityOptions>>().Value;

    public ClientOptions Client(string clientId) => Settings.Clients[clientId];

    /// <summary>
    /// A test's fake clock for everything but the mail queue, whose poll would otherwise wait for the test to move
    /// time: the confirmation mails of the citizens the test registers still go out.
    /// </summary>
    public static void UseClockExceptForMail(IServiceCollection services, TimeProvider clock)
    {
        services.AddSingleton<TimeProvider>(clock);
        foreach (var sender in services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(Mail.MailSender)).ToList())
            services.Remove(sender);
        services.AddHostedService(sp => ActivatorUtilities.CreateInstance<Mail.MailSender>(sp, TimeProvider.System));
    }

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

    /// <summary>Services over the app's own, for a fixture that needs them (a clock it moves).</summary>
    protected virtual void TestServices(IServiceCollection services) { }

    public async Task InitializeAsync()
    {
        database = await PostgresDatabase.CreateAsync("identity");
        App = IdentityFactory.OnPostgres(database, Settings);
        App.TestServices = TestServices;
        _ = App.Server; // start now, so the first test does not pay for it inside its own timing
    }

    public async Task DisposeAsync()
    {
        if (App is not null) await App.DisposeAsync();
        if (database is not null) await database.DisposeAsync();
    }
}

/// <summary>
/// TestServer has no socket: every request comes from loopback, as from the gateway in the embedded mode. A test that
/// trusts loopback (TrustedProxies) names the client in X-Forwarded-For, as the gateway does.
/// </summary>
sealed class GatewayPeer : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, following) =>
        {
            context.Connection.RemoteIpAddress ??= IPAddress.Loopback;
            return following(context);
        });
        next(app);
    };
}

/// <summary>The production setting: officers must log in with an authenticator app.</summary>
public sealed class OfficerTotpRequiredFixture : IdentityFixture
{
    protected override (string Key, string? Value)[] Settings => [("Identity:RequireOfficerTotp", "true")];
}
