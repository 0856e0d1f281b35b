using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Minio;
using Minio.DataModel.Args;
using PublicServices.Documents.Data;
using PublicServices.Documents.Domain;
using PublicServices.ServiceDefaults;
using PublicServices.Testing;

namespace PublicServices.Documents.Tests.Support;

/// <summary>
/// The documents service on real Kestrel (loopback, random port) with its production adapters: PostgreSQL (a fresh
/// database), S3 on s3rver (a fresh bucket, which the service creates itself) or a local folder, a real token
/// issuer and real HTTP catalog and dossiers stand-ins. One per test class.
/// </summary>
public abstract class DocumentsApp : IAsyncLifetime
{
    public const string Audience = "documents";

    protected virtual string StorageProvider => "S3";
    protected virtual bool Postgres => true;
    protected virtual IEnumerable<KeyValuePair<string, string?>> Settings => [];
    /// <summary>The ASP.NET environment: Demo (its published link-signing key and client secret) unless a fixture says otherwise.</summary>
    protected virtual string Environment => ProductionSecrets.DemoEnvironment;
    /// <summary>The agency the catalog stand-in publishes for <see cref="TestCatalog.Agency"/> (results print its name).</summary>
    public const string AgencyName = "Sở Tư pháp thử nghiệm";

    public TestTokenIssuer Tokens { get; private set; } = null!;
    public CatalogStandIn Catalog { get; private set; } = null!;
    public DossiersStandIn Dossiers { get; private set; } = null!;
    public PostgresDatabase? Database { get; private set; }
    public string Bucket { get; } = "docs-" + Guid.NewGuid().ToString("N")[..16];
    public string TempRoot { get; } = Path.Combine(Path.GetTempPath(), "ps-documents-" + Guid.NewGuid().ToString("N")[..12]);
    public string LocalRoot => Path.Combine(TempRoot, "objects");
    public IMinioClient S3 { get; private set; } = null!;
    public WebApplicationFactory<DocumentsDb> Factory { get; private set; } = null!;
    Dictionary<string, string?> serviceSettings = [];

    public async Task InitializeAsync()
    {
        Tokens = await TestTokenIssuer.StartAsync();
        Catalog = await CatalogStandIn.StartAsync(TestCatalog.Default());
        Catalog.PublishAgency(TestCatalog.Agency, AgencyName, "Test Department of Justice");
        Dossiers = await DossiersStandIn.StartAsync();
        if (Postgres)
            Database = await PostgresDatabase.CreateAsync("documents");
        var s3 = TestServers.S3;
        S3 = new MinioClient().WithEndpoint(s3.Endpoint).WithCredentials(s3.AccessKey, s3.SecretKey).WithRegion("us-east-1").Build();

        var settings = new Dictionary<string, string?>
        {
            ["Auth:Issuer"] = TestTokenIssuer.Issuer,
            ["Auth:Authority"] = Tokens.Authority,
            ["Auth:Audience"] = Audience,
            ["services:catalog:http:0"] = Catalog.Address,
            ["services:dossiers:http:0"] = Dossiers.Address,
            // Small, so the limit tests stay fast.
            ["Documents:OfficerFileBytes"] = TestCatalog.SmallLimit.ToString(CultureInfo.InvariantCulture),
            ["Database:Provider"] = Postgres ? "Postgres" : "Sqlite",
            ["Database:DataRoot"] = Path.Combine(TempRoot, "data"),
            ["ConnectionStrings:documents"] = Database?.ConnectionString,
            ["Storage:Provider"] = StorageProvider,
            ["Storage:Local:Root"] = LocalRoot,
            ["Storage:S3:Endpoint"] = s3.Endpoint,
            ["Storage:S3:AccessKey"] = s3.AccessKey,
            ["Storage:S3:SecretKey"] = s3.SecretKey,
            ["Storage:S3:Bucket"] = Bucket,
        };
        foreach (var (key, value) in Settings)
            settings[key] = value;
        // A setting given as null would arrive as "" (an empty connection string means an in-memory SQLite database).
        foreach (var key in settings.Where(s => s.Value is null).Select(s => s.Key).ToList())
            settings.Remove(key);
        serviceSettings = settings;
        Factory = StartReplica();
    }

    /// <summary>Another instance of the service on the same database, bucket and stand-ins, as a second replica is.</summary>
    public WebApplicationFactory<DocumentsDb> StartReplica()
    {
        var factory = new ServiceFactory(serviceSettings, Environment);
        factory.UseKestrel(0);
        factory.StartServer();
        return factory;
    }

    sealed class ServiceFactory(Dictionary<string, string?> settings, string environment) : WebApplicationFactory<DocumentsDb>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            // Demo: the demo link-signing key and client secret (appsettings.Demo.json); elsewhere the fixture gives real ones.
            builder.UseEnvironment(environment);
            foreach (var (key, value) in settings)
                builder.UseSetting(key, value);
            // A catalog that is down is retried with short pauses, so a test of the 503 does not wait for seconds.
            builder.ConfigureServices(services =>
                services.ConfigureAll<HttpStandardResilienceOptions>(o => o.Retry.Delay = TimeSpan.FromMilliseconds(20)));
        }
    }

    public HttpClient Client(string? token = null)
    {
        var client = Factory.CreateClient();
        if (token is not null)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public HttpClient Citizen(string subject) => Client(Tokens.Citizen(Audience, subject));
    public HttpClient Officer(string agency, string role = "specialist") =>
        Client(Tokens.Officer(Audience, "officer-" + Guid.NewGuid().ToString("N")[..8], agency, role));
    public HttpClient Service() => Client(Tokens.Service(Audience, "svc-dossiers"));

    /// <summary>An officer as the portal calls: the token is good at the dossiers service too.</summary>
    public HttpClient PortalOfficer(string agency, string subject, string role = "one_stop_desk") => Client(Tokens.Token(Audience,
        [new("sub", subject), new("agency", agency), new("role", role), new("scope", "documents dossiers")], alsoFor: ["dossiers"]));

    /// <summary>An upload of a real PDF over a raw socket, whose bytes leave when the test says.</summary>
    public SlowUpload Slow(string subject, int size = 100_000) =>
        new(Client().BaseAddress!, Tokens.Citizen(Audience, subject), UploadUrl(TestCatalog.Any), TestFiles.Pdf(size));

    public static string OfficerFileUrl(Guid dossier) => $"/api/documents/officer-files?dossier={dossier}";

    public static string NewCitizen() => "citizen-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>Uploads through the API and returns the created document (asserting 201).</summary>
    public async Task<DocumentDto> UploadAsync(HttpClient client, byte[] bytes, string fileName = "to-khai.pdf",
        string requirement = TestCatalog.Any)
    {
        using var response = await client.PostAsync(UploadUrl(requirement), TestFiles.Form(bytes, fileName));
        return await response.DocumentAsync(HttpStatusCode.Created);
    }

    public static string UploadUrl(string requirement, string procedure = TestCatalog.Procedure) =>
        $"/api/documents?procedure={Uri.EscapeDataString(procedure)}&requirement={Uri.EscapeDataString(requirement)}";

    /// <summary>Attaches as the dossiers service does, filing each upload under the requirement it was uploaded for.</summary>
    public async Task<HttpResponseMessage> AttachAsync(Guid dossierId, string owner, string agency, params Guid[] ids)
    {
        var uploadedFor = await WithDbAsync(db => db.Documents.Where(d => ids.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.RequirementCode));
        return await AttachAsync(dossierId, owner, agency, TestCatalog.Procedure,
            ids.ToDictionary(id => id, id => uploadedFor.GetValueOrDefault(id, TestCatalog.Any)));
    }

    /// <summary>Attaches with the procedure and requirements the dossier claims.</summary>
    public async Task<HttpResponseMessage> AttachAsync(Guid dossierId, string owner, string agency, string procedureCode, Dictionary<Guid, string> requirements)
    {
        using var service = Service();
        return await service.PostAsJsonAsync("/api/documents/attachments", new
        {
            dossierId, dossierCode = $"{agency}-261126-0001", ownerId = owner, agencyCode = agency,
            documentIds = requirements.Keys.ToArray(), procedureCode, requirements,
        });
    }

    public async Task<T> WithDbAsync<T>(Func<DocumentsDb, Task<T>> action)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<DocumentsDb>());
    }

    public T Service<T>() where T : notnull => Factory.Services.GetRequiredService<T>();

    /// <summary>Every object key in the bucket (S3) or file in the folder (Local), listed from the store itself.</summary>
    public async Task<List<string>> ObjectKeysAsync()
    {
        if (StorageProvider == "Local")
            return Directory.Exists(LocalRoot) ? Directory.GetFiles(LocalRoot).Select(f => Path.GetFileName(f)).ToList() : [];
        var keys = new List<string>();
        await foreach (var item in S3.ListObjectsEnumAsync(new ListObjectsArgs().WithBucket(Bucket).WithRecursive(true)))
            keys.Add(item.Key);
        return keys;
    }

    public async Task<byte[]> ObjectBytesAsync(string key)
    {
        if (StorageProvider == "Local")
            return await File.ReadAllBytesAsync(Path.Combine(LocalRoot, key));
        using var buffer = new MemoryStream();
        await S3.GetObjectAsync(new GetObjectArgs().WithBucket(Bucket).WithObject(key)
            .WithCallbackStream((s, ct) => s.CopyToAsync(buffer, ct)));
        return buffer.ToArray();
    }

    public virtual async Task DisposeAsync()
    {
        if (Factory is not null)
            await Factory.DisposeAsync();
        if (S3 is not null && StorageProvider == "S3")
        {
            try
            {
                foreach (var key in await ObjectKeysAsync())
                    await S3.RemoveObjectAsync(new RemoveObjectArgs().WithBucket(Bucket).WithObject(key));
                await S3.RemoveBucketAsync(new RemoveBucketArgs().WithBucket(Bucket));
            }
            catch (Minio.Exceptions.MinioException) { }
        }
        S3?.Dispose();
        if (Database is not null)
            await Database.DisposeAsync();
        if (Catalog is not null)
            await Catalog.DisposeAsync();
        if (Dossiers is not null)
            await Dossiers.DisposeAsync();
        if (Tokens is not null)
            await Tokens.DisposeAsync();
        if (Directory.Exists(TempRoot))
            Directory.Delete(TempRoot, recursive: true);
    }
}

/// <summary>PostgreSQL + S3: the production adapters.</summary>
public sealed class S3App : DocumentsApp;

/// <summary>PostgreSQL + S3 reached through a relay the test can take down, as when the object store stops.</summary>
public sealed class RelayedS3App : DocumentsApp
{
    public TcpRelay Relay { get; } = new(TestServers.S3.Endpoint);

    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Storage:S3:Endpoint", Relay.Endpoint)];

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Relay.DisposeAsync();
    }
}

/// <summary>PostgreSQL + the local folder adapter.</summary>
public sealed class LocalApp : DocumentsApp
{
    protected override string StorageProvider => "Local";
}

/// <summary>The embedded default: SQLite + local folder, nothing installed.</summary>
public sealed class SqliteApp : DocumentsApp
{
    protected override string StorageProvider => "Local";
    protected override bool Postgres => false;
}

/// <summary>PostgreSQL + S3 with a fast expiry sweep.</summary>
public sealed class FastSweepApp : DocumentsApp
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Documents:SweepInterval", "00:00:00.500")];
}

/// <summary>PostgreSQL + S3 with the smallest part size S3 allows, so a few MiB make a multipart upload.</summary>
public sealed class SmallPartsApp : DocumentsApp
{
    public const int PartSize = 5 * 1024 * 1024;
    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Storage:S3:PartSize", PartSize.ToString(CultureInfo.InvariantCulture))];
}

/// <summary>PostgreSQL + S3 with small per-user limits: two uploads at once, 150 000 bytes of unattached uploads.</summary>
public sealed class UserLimitsApp : DocumentsApp
{
    public const long Quota = 150_000;
    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [new("Documents:UploadsPerUser", "2"), new("Documents:UploadsPerProcess", "10"),
         new("Documents:UnattachedBytesPerUser", Quota.ToString(CultureInfo.InvariantCulture))];
}

/// <summary>PostgreSQL + S3 where the process streams one upload at a time and the next waits 200 ms.</summary>
public sealed class OneUploadApp : DocumentsApp
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [new("Documents:UploadsPerProcess", "1"), new("Documents:UploadQueueWait", "00:00:00.200"), new("Documents:BusyRetryAfter", "00:00:07")];
}

/// <summary>PostgreSQL + S3 with a high minimum upload rate (50 000 B/s) after a short grace (2 s).</summary>
public sealed class FastClientsApp : DocumentsApp
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [new("Documents:MinUploadBytesPerSecond", "50000"), new("Documents:MinUploadRateGrace", "00:00:02")];
}
