using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Npgsql;
using PublicServices.Testing;
using Xunit;

namespace PublicServices.SystemTesting;

/// <summary>
/// The whole system, started through the Aspire AppHost in Production mode: PostgreSQL, the S3 server, smtp4dev as
/// the mail server, and two replicas of every service behind the gateway. Tests talk to the gateway only, over real HTTP.
/// </summary>
public sealed class SystemFixture : IAsyncLifetime
{
    /// <summary>18080, or PUBLICSERVICES_TEST_PORT_BASE + 80 so that two checkouts can run system tests side by side.</summary>
    public static readonly int GatewayPort = PortBase + 80;
    public static readonly Uri Gateway = new($"http://localhost:{GatewayPort}/");

    static int PortBase => int.TryParse(Environment.GetEnvironmentVariable("PUBLICSERVICES_TEST_PORT_BASE"), out var b) ? b : 18000;
    readonly string prefix = $"e2e{Guid.NewGuid():N}"[..11] + "_";
    DistributedApplication? app;

    /// <summary>Each service's database is this prefix and its name ("web", "dossiers"…) on the test PostgreSQL.</summary>
    public string DatabasePrefix => prefix;

    /// <summary>The documents' bucket on the test S3 server, this system's own (S3 names take no underscore).</summary>
    public string Bucket => prefix.TrimEnd('_') + "-documents";

    /// <summary>Officers must use an authenticator app, as in production; API tests that log officers in by password turn it off.</summary>
    public bool RequireOfficerTotp { get; init; }

    public async Task InitializeAsync()
    {
        var postgres = new NpgsqlConnectionStringBuilder(TestServers.PostgresAdmin) { Database = null };
        postgres.Remove("Database");
        var s3 = TestServers.S3;
        var smtp = TestServers.Smtp;
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.PublicServices_AppHost>(
        [
            // The issuer is the gateway address, so the test needs the port it asked for (testing randomizes by default).
            "DcpPublisher:RandomizePorts=false",
            "PublicServices:Mode=Production",
            $"PublicServices:GatewayPort={GatewayPort}",
            "PublicServices:Replicas=2",
            $"PublicServices:ServicePortBase={PortBase + 100}",
            "PublicServices:RateLimit=100000",
            "PublicServices:LoginRateLimit=1000",
            $"PublicServices:Postgres={postgres.ConnectionString}",
            $"PublicServices:DatabasePrefix={prefix}",
            $"PublicServices:RequireOfficerTotp={RequireOfficerTotp}",
            $"PublicServices:S3:Endpoint={s3.Endpoint}",
            $"PublicServices:S3:AccessKey={s3.AccessKey}",
            $"PublicServices:S3:SecretKey={s3.SecretKey}",
            $"PublicServices:S3:Bucket={Bucket}",
            $"PublicServices:Smtp:Host={smtp.Host}",
            $"PublicServices:Smtp:Port={smtp.Port}",
            "PublicServices:Smtp:PollInterval=00:00:00.300",
        ]);
        app = await builder.BuildAsync();
        using var start = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await app.StartAsync(start.Token);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("gateway", start.Token);
    }

    public HttpClient Client(HttpMessageHandler? handler = null) =>
        new(handler ?? new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = Gateway, Timeout = TimeSpan.FromMinutes(2) };

    public async Task DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
        await using var admin = new NpgsqlConnection(TestServers.PostgresAdmin);
        await admin.OpenAsync();
        foreach (var service in new[] { "identity", "catalog", "documents", "dossiers", "workflow", "web" })
        {
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{prefix}{service}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }
}

