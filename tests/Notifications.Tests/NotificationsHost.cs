using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PublicServices.Notifications.Data;
using PublicServices.ServiceDefaults;
using PublicServices.Testing;

namespace PublicServices.Notifications.Tests;

/// <summary>
/// The notifications service with its production code on a fresh PostgreSQL database, real tokens from a
/// TestTokenIssuer, an identity stand-in over HTTP, and the test smtp4dev behind a relay the tests can take down.
/// Retries are fast (a fifth of a second, doubling) so that a test sees several.
/// </summary>
public sealed class NotificationsHost : IAsyncLifetime
{
    public const string Audience = "notifications";
    public static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(200);

    WebApplicationFactory<NotificationsDb>? factory;
    ServiceDatabase? database;

    public TestTokenIssuer Tokens { get; private set; } = null!;
    public IdentityStandIn Identity { get; private set; } = null!;
    public TcpRelay Smtp { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Tokens = await TestTokenIssuer.StartAsync();
        Identity = await IdentityStandIn.StartAsync();
        var (host, port) = TestServers.Smtp;
        Smtp = new TcpRelay($"{host}:{port}");
        database = await ServiceDatabase.CreateAsync(Audience, sqlite: false);
        var relay = Smtp.Endpoint;
        var settings = new Dictionary<string, string>(database.Settings)
        {
            ["Auth:Issuer"] = TestTokenIssuer.Issuer,
            ["Auth:Authority"] = Tokens.Authority,
            ["services:identity:http:0"] = Identity.Address,
            ["Notifications:Smtp:Host"] = relay[..relay.LastIndexOf(':')],
            ["Notifications:Smtp:Port"] = relay[(relay.LastIndexOf(':') + 1)..],
            ["Notifications:Smtp:Security"] = "None",
            ["Notifications:Smtp:Timeout"] = "00:00:05",
            ["Notifications:PollInterval"] = "00:00:00.100",
            ["Notifications:RetryDelay"] = RetryDelay.ToString("c", CultureInfo.InvariantCulture),
            ["Notifications:RetryMaxDelay"] = "00:00:01",
            ["Notifications:MaxAttempts"] = "30",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        factory = new WebApplicationFactory<NotificationsDb>().WithWebHostBuilder(web =>
        {
            // The demo client secret (appsettings.Demo.json); outside Demo the service would refuse to start.
            web.UseEnvironment(ProductionSecrets.DemoEnvironment);
            foreach (var (key, value) in settings)
                web.UseSetting(key, value);
        });
        _ = factory.Server;
    }

    public HttpClient Client(string? token = null, string? language = null) => factory!.Client(token, language);

    public HttpClient Citizen(string subject, string? language = null) => Client(Tokens.Citizen(Audience, subject), language);

    public HttpClient Workflow() => Client(Tokens.Service(Audience, "svc-workflow"));

    /// <summary>A NotificationRequested.v1 envelope (a new event id unless given).</summary>
    public static JsonObject Event(string template, string? to, JsonObject data, Guid? eventId = null, Guid? dossierId = null) => new()
    {
        ["id"] = eventId ?? Guid.NewGuid(),
        ["type"] = "NotificationRequested.v1",
        ["occurredAt"] = DateTimeOffset.UtcNow,
        ["payload"] = new JsonObject { ["dossierId"] = dossierId ?? Guid.NewGuid(), ["template"] = template, ["to"] = to, ["data"] = data },
    };

    public async Task<HttpResponseMessage> SendAsync(JsonObject envelope)
    {
        using var workflow = Workflow();
        return await workflow.PostAsJsonAsync("/api/notifications/events", envelope);
    }

    public async Task<T> Query<T>(Func<NotificationsDb, Task<T>> query)
    {
        await using var scope = factory!.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<NotificationsDb>());
    }

    /// <summary>Waits until the delivery log holds what <paramref name="done"/> looks for.</summary>
    public async Task<List<DeliveryAttempt>> WaitForLogAsync(Guid dossierId, Func<List<DeliveryAttempt>, bool> done, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var log = await Query(db => db.DeliveryLog.Where(a => a.DossierId == dossierId).OrderBy(a => a.At).ToListAsync());
            if (done(log)) return log;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The delivery log of {dossierId} has {log.Count} rows.");
            await Task.Delay(100);
        }
    }

    public async Task DisposeAsync()
    {
        if (factory is not null) await factory.DisposeAsync();
        await Smtp.DisposeAsync();
        await Identity.DisposeAsync();
        await Tokens.DisposeAsync();
        if (database is not null) await database.DisposeAsync();
    }
}
