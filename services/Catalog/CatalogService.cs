using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using PublicServices.Catalog.Apis;
using PublicServices.Catalog.Data;
using PublicServices.Catalog.Seed;
using PublicServices.ServiceDefaults;
using PublicServices.ServiceDefaults.Audit;

namespace PublicServices.Catalog;

public static class CatalogService
{
    /// <summary>The audience and scope of this service's API.</summary>
    public const string Scope = "catalog";

    /// <summary>Database, token validation, the admin policy and JSON settings of the catalog.</summary>
    public static WebApplicationBuilder AddCatalogService(this WebApplicationBuilder builder)
    {
        PrepareRepeatedStatements(builder.Configuration);
        builder.AddServiceDatabase<CatalogDbContext>("catalog");
        builder.AddAuditLog<CatalogDbContext>();
        builder.AddTokenValidation();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(ProceduresApi.AdminPolicy, p => p.RequireRole(Roles.Admin).RequireScope(Scope));
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
            // Vietnamese stays readable in responses; they are JSON, never embedded in HTML.
            o.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        });
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddOpenApi();
        return builder;
    }

    /// <summary>The OpenAPI document and the endpoint groups.</summary>
    public static WebApplication MapCatalogService(this WebApplication app)
    {
        app.MapOpenApi("/api/catalog/openapi/{documentName}.json").AllowAnonymous();
        app.MapProceduresApi();
        app.MapAgenciesApi();
        app.MapAuditEndpoints<CatalogDbContext>("catalog");
        return app;
    }

    /// <summary>Brings the schema up to date and upserts the shipped agencies and procedures.</summary>
    public static Task InitializeCatalogAsync(this WebApplication app) =>
        app.InitializeDatabaseAsync<CatalogDbContext>(db => CatalogSeeder.SeedAsync(db));

    /// <summary>
    /// Public search runs the same handful of statements all day; on PostgreSQL, letting Npgsql prepare them on each
    /// pooled connection skips parsing and planning and measurably raises throughput on this machine. An explicit
    /// setting in the connection string wins.
    /// </summary>
    static void PrepareRepeatedStatements(ConfigurationManager configuration)
    {
        var connection = configuration.GetConnectionString("catalog");
        if (configuration.GetSection("Database").Get<DatabaseOptions>()?.Provider != DatabaseProvider.Postgres || connection is null)
            return;
        var settings = new NpgsqlConnectionStringBuilder(connection);
        if (settings.MaxAutoPrepare > 0 || connection.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase))
            return;
        settings.MaxAutoPrepare = 32;
        settings.AutoPrepareMinUsages = 2;
        configuration["ConnectionStrings:catalog"] = settings.ConnectionString;
    }
}
