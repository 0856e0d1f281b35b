using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Npgsql;
using PublicServices.Testing;
using Xunit;

namespace PublicServices.SystemTesting;

/// <summary>
/// The whole system, started through the Aspire AppHost in Production mode: PostgreSQL, the S3 server, smtp4dev as
/// the mail server, and two replicas of every service behind the gateway. Tests talk to the gateway only, over real HTTP.
/// As in a real deployment there are no demo accounts: each run gets random secrets, the first administrator comes from
/// the identity service's bootstrap-admin command, and the officers from that administrator through the identity API.
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

    /// <summary>The administrator the bootstrap command creates.</summary>
    public const string Administrator = "admin";

    /// <summary>The password of the administrator and of every officer in <see cref="Officers"/>: random for each run.</summary>
    public static readonly string OfficerPassword = "Ps-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8)) + "a!";

    /// <summary>The officers the tests use (those the demo mode seeds): user name, full name, agency, role.</summary>
    public static readonly (string UserName, string FullName, string Agency, string Role)[] Officers =
    [
        ("desk@000.00.12.H10", "Cán bộ Một cửa (Trung tâm Phục vụ hành chính công tỉnh)", "000.00.12.H10", "one_stop_desk"),
        ("specialist@000.00.12.H10", "Chuyên viên (Trung tâm Phục vụ hành chính công tỉnh)", "000.00.12.H10", "specialist"),
        ("leader@000.00.12.H10", "Lãnh đạo (Trung tâm Phục vụ hành chính công tỉnh)", "000.00.12.H10", "leader"),
        ("desk@000.20.01.H10", "Cán bộ Một cửa (UBND phường Phố Hiến)", "000.20.01.H10", "one_stop_desk"),
        ("specialist@000.20.01.H10", "Công chức Tư pháp - Hộ tịch (UBND phường Phố Hiến)", "000.20.01.H10", "specialist"),
        ("leader@000.20.01.H10", "Phó Chủ tịch (UBND phường Phố Hiến)", "000.20.01.H10", "leader"),
    ];

    /// <summary>The merchant code the payments service and the VNPay sandbox share (its hash secret is random per run).</summary>
    public const string VnPayMerchant = "PSTEST01";

    /// <summary>A business API client registered through PublicServices:BusinessClients, with a random secret.</summary>
    public const string BusinessClientId = "test-business";
    public static readonly string BusinessClientSecret = NewSecret();

    readonly Dictionary<string, string> secrets = new()
    {
        ["WebClient"] = NewSecret(), ["DossiersClient"] = NewSecret(), ["WorkflowClient"] = NewSecret(), ["LinkSigningKey"] = NewSecret(),
        ["PaymentsClient"] = NewSecret(), ["VnPayHashSecret"] = NewSecret(), ["NotificationsClient"] = NewSecret(), ["DocumentsClient"] = NewSecret(),
    };

    /// <summary>The secret of a service's own client (svc-dossiers, svc-workflow), for tests of what only services may call.</summary>
    public string ServiceClientSecret(string clientId) => secrets[clientId switch
    {
        "svc-dossiers" => "DossiersClient",
        "svc-workflow" => "WorkflowClient",
        "svc-payments" => "PaymentsClient",
        "svc-notifications" => "NotificationsClient",
        "svc-documents" => "DocumentsClient",
        _ => throw new ArgumentOutOfRangeException(nameof(clientId), clientId, "not a service client"),
    }];

    /// <summary>
    /// A service's own address behind the gateway, as another service reaches it (the AppHost gives service n of
    /// web 0, identity 1, catalog 2, documents 3, dossiers 4, workflow 5, payments 8, notifications 9 the port ServicePortBase + n).
    /// </summary>
    public static Uri ServiceAddress(string service) => new($"http://localhost:{PortBase + 100 + service switch
    {
        "web" => 0, "identity" => 1, "catalog" => 2, "documents" => 3, "dossiers" => 4, "workflow" => 5, "payments" => 8, "notifications" => 9,
        _ => throw new ArgumentOutOfRangeException(nameof(service), service, "not a service"),
    }}/");

    static string NewSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>The catalog's seeded agencies, each given <see cref="ResultCertificate"/> to sign result documents with.</summary>
    public static readonly string[] ResultSigningAgencies = ["000.00.00.H10", "000.00.12.H10", "000.00.15.H10", "000.00.20.H10", "000.20.01.H10"];
    static readonly string ResultCertificatePassword = NewSecret();

    /// <summary>A self-signed signing certificate for this run (base64 PKCS#12), as an operator would configure the agency's.</summary>
    public static readonly Lazy<string> ResultCertificate = new(() =>
    {
        using var key = RSA.Create(2048);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=Test agency, C=VN", key,
            HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        return Convert.ToBase64String(certificate.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pkcs12, ResultCertificatePassword));
    });

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
            $"PublicServices:BusinessClients:{BusinessClientId}={BusinessClientSecret}",
            // The VNPay sandbox stands in for the bank, with this run's merchant and secret.
            "PublicServices:PaymentSandbox=true",
            $"PublicServices:VnPay:TmnCode={VnPayMerchant}",
            .. secrets.Select(s => $"PublicServices:Secrets:{s.Key}={s.Value}"),
            // Production signs results only with configured certificates: one generated for this run, for every seeded agency.
            .. ResultSigningAgencies.SelectMany(agency => new[]
            {
                $"PublicServices:ResultCertificates:{agency}:Pfx={ResultCertificate.Value}",
                $"PublicServices:ResultCertificates:{agency}:Password={ResultCertificatePassword}",
            }),
        ]);
        app = await builder.BuildAsync();
        // Twelve processes start on what may be a small, shared machine.
        using var start = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        await app.StartAsync(start.Token);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("gateway", start.Token);
        await BootstrapAdministratorAsync(postgres.ConnectionString);
        await CreateOfficersAsync();
    }

    /// <summary>What an operator does once: the identity service's bootstrap-admin command on its database.</summary>
    async Task BootstrapAdministratorAsync(string postgres)
    {
        var (exitCode, output) = await ServiceCommands.BootstrapAdminAsync(ServiceCommands.Dll("Identity"), Administrator, OfficerPassword, new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Database__Provider"] = "Postgres",
            ["ConnectionStrings__identity"] = $"{postgres.TrimEnd(';')};Database={prefix}identity",
            ["Identity__Clients__web__ClientSecret"] = secrets["WebClient"],
            ["Identity__Clients__svc-dossiers__ClientSecret"] = secrets["DossiersClient"],
            ["Identity__Clients__svc-workflow__ClientSecret"] = secrets["WorkflowClient"],
            ["Identity__Clients__svc-payments__ClientSecret"] = secrets["PaymentsClient"],
            ["Identity__Clients__svc-notifications__ClientSecret"] = secrets["NotificationsClient"],
            ["Identity__Clients__svc-documents__ClientSecret"] = secrets["DocumentsClient"],
            ["Logging__LogLevel__Default"] = "Warning",
        });
        if (exitCode != 0) throw new InvalidOperationException($"bootstrap-admin failed ({exitCode}): {output}");
    }

    /// <summary>The administrator creates the officers through POST /api/identity/officers, as in production.</summary>
    async Task CreateOfficersAsync()
    {
        var admin = await new BrowserLogin(Gateway).LoginAsync(Administrator, OfficerPassword);
        using var http = Client();
        http.DefaultRequestHeaders.Authorization = new("Bearer", admin.AccessToken);
        foreach (var (userName, fullName, agency, role) in Officers)
        {
            using var created = await http.PostAsJsonAsync("/api/identity/officers",
                new { userName, fullName, agencyCode = agency, role, password = OfficerPassword });
            if (created.StatusCode != HttpStatusCode.Created)
                throw new InvalidOperationException($"creating {userName}: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync()}");
        }
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
        // PUBLICSERVICES_TEST_KEEP_DATABASES=1 leaves them for a look after a failure (outboxes, inboxes, timelines).
        if (Environment.GetEnvironmentVariable("PUBLICSERVICES_TEST_KEEP_DATABASES") == "1")
            return;
        await using var admin = new NpgsqlConnection(TestServers.PostgresAdmin);
        await admin.OpenAsync();
        foreach (var service in new[] { "identity", "catalog", "documents", "dossiers", "workflow", "payments", "notifications", "web" })
        {
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{prefix}{service}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }
}

