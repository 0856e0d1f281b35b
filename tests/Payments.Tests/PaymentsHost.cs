using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using PublicServices.Payments.Data;
using PublicServices.ServiceDefaults;
using PublicServices.Testing;

namespace PublicServices.Payments.Tests;

/// <summary>
/// The payments service with its production code on a real Kestrel port and a fresh PostgreSQL database, real tokens
/// from a TestTokenIssuer, a dossiers stand-in (asked with the caller's token) and the VNPay sandbox (infra/PaymentSandbox)
/// on its own port, whose IPNs reach this service over HTTP. The browser's return URL is the portal's
/// (<see cref="ReturnUrl"/>): tests send its path and query here, as the gateway routes it. The outbox dispatcher and the
/// reconciliation worker are off, so tests read the outbox and run reconciliation rounds themselves.
/// </summary>
public sealed class PaymentsHost : IAsyncLifetime
{
    public const string Audience = "payments";
    public const string Agency = "000.00.12.H10";
    public const string ReturnUrl = "http://portal.test/api/payments/vnpay/return";

    WebApplicationFactory<PaymentsDb>? factory;
    ServiceDatabase? database;

    /// <summary>Where this service listens (http://127.0.0.1:port).</summary>
    public string Address { get; private set; } = "";

    public TestTokenIssuer Tokens { get; private set; } = null!;
    public DossiersStandIn Dossiers { get; private set; } = null!;
    public VnPaySandbox Sandbox { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Tokens = await TestTokenIssuer.StartAsync();
        Dossiers = await DossiersStandIn.StartAsync();
        Sandbox = VnPaySandbox.Start();
        database = await ServiceDatabase.CreateAsync(Audience, sqlite: false);
        var settings = new Dictionary<string, string>(database.Settings)
        {
            ["Auth:Issuer"] = TestTokenIssuer.Issuer,
            ["Auth:Authority"] = Tokens.Authority,
            ["services:dossiers:http:0"] = Dossiers.Address,
            ["Messaging:DispatcherEnabled"] = "false",
            ["Payments:ReconcileEnabled"] = "false",
            ["Payments:ReconcileGrace"] = "00:00:00",
            ["Payments:VnPay:TmnCode"] = TestSigning.TmnCode,
            ["Payments:VnPay:HashSecret"] = TestSigning.Secret,
            ["Payments:VnPay:PayUrl"] = Sandbox.PayUrl,
            ["Payments:VnPay:ApiUrl"] = Sandbox.ApiUrl,
            ["Payments:VnPay:ReturnUrl"] = ReturnUrl,
            ["Logging:LogLevel:Default"] = "Warning",
        };
        factory = new WebApplicationFactory<PaymentsDb>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment(ProductionSecrets.DemoEnvironment);
            foreach (var (key, value) in settings)
                web.UseSetting(key, value);
        });
        // Kestrel, not TestServer: the sandbox's IPNs come over a socket.
        Address = factory.StartOnLoopback();
        Sandbox.IpnUrl(Address + "/api/payments/vnpay/ipn");
    }

    /// <summary>A client that does not follow redirects: the return and the pay link answer 302, which the tests read.</summary>
    public HttpClient Client(string? token = null, string? language = null)
    {
        var client = KestrelFactories.PlainClient(Address);
        if (token is not null)
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        if (language is not null)
            client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        return client;
    }

    /// <summary>A citizen's token for this service and the dossiers service, as the portal's tokens are.</summary>
    public HttpClient Citizen(string subject, string? language = null) => Client(Tokens.Token(Audience,
        [new("sub", subject), new("role", "citizen"), new("scope", "payments dossiers")], alsoFor: ["dossiers"]), language);

    public HttpClient Officer(string agency = Agency, string role = "one_stop_desk") => Client(Tokens.Token(Audience,
        [new("sub", $"{role}@{agency}"), new("agency", agency), new("role", role), new("scope", "payments dossiers")], alsoFor: ["dossiers"]));

    public HttpClient Workflow() => Client(Tokens.Service(Audience, "svc-workflow"));

    public async Task<T> Query<T>(Func<PaymentsDb, Task<T>> query)
    {
        await using var scope = factory!.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<PaymentsDb>());
    }

    public async Task<T> InScope<TService, T>(Func<TService, Task<T>> act) where TService : notnull
    {
        await using var scope = factory!.Services.CreateAsyncScope();
        return await act(scope.ServiceProvider.GetRequiredService<TService>());
    }

    /// <summary>The PaymentRequested envelope the workflow sends.</summary>
    public static JsonObject Requested(Guid dossierId, long amount, Guid? eventId = null, string currency = "VND") => new()
    {
        ["id"] = eventId ?? Guid.NewGuid(), ["type"] = "PaymentRequested.v1", ["occurredAt"] = DateTimeOffset.UtcNow,
        ["payload"] = new JsonObject
        {
            ["dossierId"] = dossierId, ["code"] = $"{Agency}-261205-0001", ["agencyCode"] = Agency, ["amount"] = amount,
            ["currency"] = currency, ["note"] = "Lệ phí đăng ký khai sinh",
        },
    };

    /// <summary>A dossier of <paramref name="applicant"/> with an open invoice: (dossier id, invoice id).</summary>
    public async Task<(Guid Dossier, Guid Invoice)> InvoiceAsync(string applicant, long amount = 150_000)
    {
        var dossier = Dossiers.File(Agency, "1.001193", applicant);
        using var workflow = Workflow();
        var response = await workflow.PostAsJsonAsync("/api/payments/events", Requested(dossier, amount));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var invoice = await Query(db => Task.FromResult(db.Invoices.Single(i => i.DossierId == dossier).Id));
        return (dossier, invoice);
    }

    /// <summary>Starts a session as the applicant: (session id, its TxnRef, the pay URL).</summary>
    public async Task<(Guid Session, string TxnRef, string RedirectUrl)> SessionAsync(string applicant, Guid invoice, object? body = null)
    {
        using var citizen = Citizen(applicant);
        var response = await citizen.PostAsJsonAsync($"/api/payments/invoices/{invoice}/sessions", body ?? new { locale = "vn", returnUrl = "/dossiers/x" });
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        var json = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var id = Guid.Parse((string)json["sessionId"]!);
        return (id, id.ToString("N"), (string)json["redirectUrl"]!);
    }

    /// <summary>Follows the sandbox's redirect as the browser does: the portal's return URL, routed to this service; its Location.</summary>
    public async Task<string> ReturnAsync(string returnUrl)
    {
        Assert.StartsWith(ReturnUrl + "?", returnUrl, StringComparison.Ordinal);
        using var browser = Client();
        using var response = await browser.GetAsync(new Uri(returnUrl).PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!.OriginalString;
    }

    /// <summary>The session's status as its applicant polls it, once it is no longer pending (fails after 20 s).</summary>
    public async Task<string> SettledStatusAsync(string applicant, Guid session)
    {
        using var citizen = Citizen(applicant);
        for (var waited = TimeSpan.Zero; waited < TimeSpan.FromSeconds(20); waited += TimeSpan.FromMilliseconds(100))
        {
            var status = (string)(await citizen.GetFromJsonAsync<JsonObject>($"/api/payments/sessions/{session}"))!["status"]!;
            if (status != "pending")
                return status;
            await Task.Delay(100);
        }
        Assert.Fail($"session {session} still pending after 20 s");
        return "";
    }

    public async ValueTask<int> PaymentReceivedRows(Guid? dossier = null) => await Query(db => Task.FromResult(
        db.Outbox.Count(o => o.Type == "PaymentReceived.v1" && (dossier == null || o.Payload.Contains(dossier.ToString()!)))));

    public async Task DisposeAsync()
    {
        if (factory is not null)
            await factory.DisposeAsync();
        await Sandbox.DisposeAsync();
        await Dossiers.DisposeAsync();
        await Tokens.DisposeAsync();
        if (database is not null)
            await database.DisposeAsync();
    }
}
