using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using PublicServices.ServiceDefaults;
using PublicServices.Workflow.Data;
using PublicServices.WorkflowEngine.Runtime;

namespace PublicServices.Workflow.Tests.Support;

/// <summary>The demo agencies and procedures the tests use (docs/contracts.md).</summary>
public static class Agencies
{
    public const string Centre = "000.00.12.H10";
    public const string Ward = "000.20.01.H10";
    public const string CentreProcedure = "2.000488";
}

/// <summary>
/// The workflow service with its production code on a fresh PostgreSQL database (migrated at start, default
/// definitions installed), real tokens from a TestTokenIssuer, and its outbox delivered over HTTP to a dossiers
/// stand-in. The clock can be shifted for deadline tests.
/// </summary>
public class WorkflowHost : IAsyncLifetime
{
    public const string Audience = "workflow";

    WebApplicationFactory<WorkflowDb>? factory;
    ServiceDatabase? database;

    public TestTokenIssuer Tokens { get; private set; } = null!;
    public DossiersStandIn Dossiers { get; private set; } = null!;
    public ShiftableClock Clock { get; } = new();
    public IServiceProvider Services => factory!.Services;
    public string? ConnectionString => database?.ConnectionString;

    protected virtual bool Sqlite => false;

    public async Task InitializeAsync()
    {
        Tokens = await TestTokenIssuer.StartAsync();
        Dossiers = await DossiersStandIn.StartAsync();
        database = await ServiceDatabase.CreateAsync(Audience, Sqlite);
        var settings = new Dictionary<string, string>(database.Settings)
        {
            ["Auth:Issuer"] = TestTokenIssuer.Issuer,
            ["Auth:Authority"] = Tokens.Authority,
            ["services:dossiers:http:0"] = Dossiers.Address,
            ["Messaging:PollIntervalMilliseconds"] = "50",
            ["Workflow:Runtime:PollInterval"] = "00:00:00.200",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:PublicServices.ServiceDefaults.Messaging"] = "Error",
            // Unreadable bodies are sent on purpose; the middleware logs each one it turns into a 400.
            ["Logging:LogLevel:Microsoft.AspNetCore.Diagnostics.ExceptionHandlerMiddleware"] = "None",
        };
        factory = new WebApplicationFactory<WorkflowDb>().WithWebHostBuilder(web =>
        {
            // The demo client secret (appsettings.Demo.json); outside Demo the service would refuse to start.
            web.UseEnvironment(ProductionSecrets.DemoEnvironment);
            foreach (var (key, value) in settings)
                web.UseSetting(key, value);
            web.ConfigureTestServices(services =>
            {
                services.AddSingleton<TimeProvider>(Clock);
                // Retrying a dossiers stand-in that is down takes milliseconds, not the production delays.
                services.ConfigureAll<HttpStandardResilienceOptions>(o => o.Retry.Delay = TimeSpan.FromMilliseconds(20));
            });
        });
        _ = factory.Server; // starts the app: schema, default definitions, dispatcher, poller
    }

    public HttpClient Client(string? token = null, string? language = null) => factory!.Client(token, language);

    public string AdminToken() => Tokens.Token(Audience, [new("sub", "admin"), new("name", "Quản trị"), new("role", "admin"), new("scope", Audience)]);

    public HttpClient Admin(string? language = null) => Client(AdminToken(), language);

    public HttpClient Officer(string role, string agency = Agencies.Centre, string? subject = null, string? language = null) =>
        Client(Tokens.Token(Audience, [new("sub", subject ?? $"{role}@{agency}"), new("name", $"Cán bộ {role}"), new("agency", agency),
            new("role", role), new("scope", Audience)]), language);

    public HttpClient Citizen() => Client(Tokens.Citizen(Audience, "citizen-1"));

    public HttpClient Service(string clientId = "svc-dossiers") => Client(Tokens.Service(Audience, clientId));

    /// <summary>Delivers DossierSubmitted.v1 as the dossiers service would; returns the started instance id.</summary>
    public async Task<Guid> SubmitAsync(Guid dossierId, string? code = null, string agency = Agencies.Centre, int statutoryWorkingDays = 5,
        string? workflow = null)
    {
        using var client = Service();
        var envelope = Envelopes.DossierSubmitted(dossierId, code: code, agency: agency, statutoryWorkingDays: statutoryWorkingDays, workflow: workflow);
        var response = await client.PostAsJsonAsync("/api/workflow/events", envelope);
        var body = await response.Json(System.Net.HttpStatusCode.OK);
        return Guid.Parse((string)body["instanceId"]!);
    }

    /// <summary>Runs a query on the service's own database.</summary>
    public async Task<T> Query<T>(Func<WorkflowDb, Task<T>> query)
    {
        await using var scope = factory!.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<WorkflowDb>());
    }

    /// <summary>The DossierStatusChanged.v1 statuses in the outbox for a dossier, in delivery order.</summary>
    public Task<List<int>> OutboxStatusesAsync(Guid dossierId) => Query(async db =>
    {
        var rows = await db.Outbox.AsNoTracking().Where(o => o.Type == "DossierStatusChanged.v1")
            .OrderBy(o => o.OccurredAt).ThenBy(o => o.Id).Select(o => o.Payload).ToListAsync();
        return rows.Select(p => JsonNode.Parse(p)!).Where(p => (string?)p["dossierId"] == dossierId.ToString())
            .Select(p => (int)p["status"]!).ToList();
    });

    public WorkflowRuntime Runtime => factory!.Services.GetRequiredService<WorkflowRuntime>();

    public virtual async Task DisposeAsync()
    {
        if (factory is not null)
            await factory.DisposeAsync();
        await Dossiers.DisposeAsync();
        await Tokens.DisposeAsync();
        if (database is not null)
            await database.DisposeAsync();
    }
}

/// <summary>The same service on the embedded SQLite database.</summary>
public sealed class SqliteWorkflowHost : WorkflowHost
{
    protected override bool Sqlite => true;
}

/// <summary>The system clock, shifted by an offset the test sets (timers keep running on the real clock).</summary>
public sealed class ShiftableClock : TimeProvider
{
    long offsetTicks;

    public TimeSpan Offset
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref offsetTicks));
        set => Interlocked.Exchange(ref offsetTicks, value.Ticks);
    }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
}
