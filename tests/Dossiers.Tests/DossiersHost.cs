using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using PublicServices.Dossiers.Data;
using PublicServices.Dossiers.Tests.StandIns;
using PublicServices.ServiceDefaults;
using PublicServices.Testing;

namespace PublicServices.Dossiers.Tests;

/// <summary>
/// The dossiers service with its production code on a fresh PostgreSQL database (migrated at start), real tokens
/// from a TestTokenIssuer, and real HTTP stand-ins for the catalog and documents services.
/// </summary>
public class DossiersHost : IAsyncLifetime
{
    public const string Audience = "dossiers";

    WebApplicationFactory<DossiersDb>? factory;
    ServiceDatabase? database;

    public TestTokenIssuer Tokens { get; private set; } = null!;
    public CatalogStandIn Catalog { get; private set; } = null!;
    public DocumentsStandIn Documents { get; private set; } = null!;

    protected virtual bool Sqlite => false;

    public async Task InitializeAsync()
    {
        Tokens = await TestTokenIssuer.StartAsync();
        Catalog = await CatalogStandIn.StartAsync(Procedures.BirthRegistration());
        Documents = await DocumentsStandIn.StartAsync(Tokens);
        database = await ServiceDatabase.CreateAsync(Audience, Sqlite);
        var settings = new Dictionary<string, string>(database.Settings)
        {
            ["Auth:Issuer"] = TestTokenIssuer.Issuer,
            ["Auth:Authority"] = Tokens.Authority,
            ["services:catalog:http:0"] = Catalog.Address,
            ["services:documents:http:0"] = Documents.Address,
            ["Logging:LogLevel:Default"] = "Warning",
        };
        await ConfigureAsync(settings);
        factory = new WebApplicationFactory<DossiersDb>().WithWebHostBuilder(web =>
        {
            // The demo client secret (appsettings.Demo.json); outside Demo the service would refuse to start.
            web.UseEnvironment(ProductionSecrets.DemoEnvironment);
            foreach (var (key, value) in settings)
                web.UseSetting(key, value);
        });
        _ = factory.Server; // starts the app, which brings the schema up to date
    }

    /// <summary>Lets a derived host add or change settings before the service starts.</summary>
    protected virtual Task ConfigureAsync(Dictionary<string, string> settings) => Task.CompletedTask;

    public HttpClient Client(string? token = null, string? language = null) => factory!.Client(token, language);

    public HttpClient Citizen(string subject, string? language = null) => Client(Tokens.Citizen(Audience, subject), language);

    public HttpClient Officer(string agency, string role = "one_stop_desk") =>
        Client(Tokens.Officer(Audience, $"desk@{agency}", agency, role));

    /// <summary>Runs a query on the service's own database.</summary>
    public async Task<T> Query<T>(Func<DossiersDb, Task<T>> query)
    {
        await using var scope = factory!.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<DossiersDb>());
    }

    /// <summary>A valid birth registration with a birth certificate the applicant has uploaded.</summary>
    public SubmissionBuilder Submission(string applicant) =>
        new SubmissionBuilder().WithDocument(Procedures.BirthCertificate, Documents.Upload(applicant));

    public async Task<JsonObject> SubmitAsync(string applicant, SubmissionBuilder? submission = null)
    {
        using var client = Citizen(applicant);
        var response = await client.PostAsJsonAsync("/api/dossiers", (submission ?? Submission(applicant)).Build());
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>
    /// Makes the service's database refuse connections (and drops those it has), as while PostgreSQL restarts, or
    /// accept them again.
    /// </summary>
    public async Task SetDatabaseReachableAsync(bool reachable)
    {
        var name = new Npgsql.NpgsqlConnectionStringBuilder(database!.ConnectionString).Database;
        await using var admin = new Npgsql.NpgsqlConnection(
            new Npgsql.NpgsqlConnectionStringBuilder(database.ConnectionString) { Database = "postgres", Pooling = false }.ConnectionString);
        await admin.OpenAsync();
        await using var alter = new Npgsql.NpgsqlCommand($"ALTER DATABASE \"{name}\" ALLOW_CONNECTIONS {(reachable ? "true" : "false")}", admin);
        await alter.ExecuteNonQueryAsync();
        if (!reachable)
        {
            await using var drop = new Npgsql.NpgsqlCommand("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = @name AND pid <> pg_backend_pid()", admin);
            drop.Parameters.AddWithValue("name", name!);
            await drop.ExecuteNonQueryAsync();
        }
    }

    public virtual async Task DisposeAsync()
    {
        if (factory is not null)
            await factory.DisposeAsync();
        await Documents.DisposeAsync();
        await Catalog.DisposeAsync();
        await Tokens.DisposeAsync();
        if (database is not null)
            await database.DisposeAsync();
    }
}

/// <summary>The same service on the embedded SQLite database.</summary>
public sealed class SqliteDossiersHost : DossiersHost
{
    protected override bool Sqlite => true;
}
