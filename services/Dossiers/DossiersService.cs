using Microsoft.EntityFrameworkCore;
using PublicServices.Contracts.Catalog;
using PublicServices.Dossiers.Apis;
using PublicServices.Dossiers.Clients;
using PublicServices.Dossiers.Data;
using PublicServices.Dossiers.Domain.Submission;
using PublicServices.Dossiers.Domain.Applicant;
using PublicServices.Dossiers.Domain.Supplements;
using PublicServices.Dossiers.Events;
using PublicServices.ServiceDefaults;

namespace PublicServices.Dossiers;

/// <summary>The dossiers service: submissions, drafts, supplements, the public lookup, and the statuses the workflow reports.</summary>
public static class DossiersService
{
    /// <summary>
    /// Tokens, its database and outbox dispatcher, the catalog and documents clients, the caches, the submitters and
    /// the event consumer.
    /// </summary>
    public static WebApplicationBuilder AddDossiersService(this WebApplicationBuilder builder)
    {
        builder.RequireSecrets("Auth:ClientSecret");
        builder.AddTokenValidation();
        builder.Services.AddAuthorizationBuilder().AddPolicy(DossiersApi.ApplicantOrOfficer, p => p.RequireAssertion(ctx =>
            ctx.User.IsInRole(Roles.Citizen) || ctx.User.IsInRole(Roles.Business) || (ctx.User.IsOfficer() && ctx.User.AgencyCode() is not null)));
        builder.Services.AddOptions<DossiersOptions>().BindConfiguration("Dossiers").ValidateDataAnnotations().ValidateOnStart();

        // Reads never modify what they load, so tracking is off unless a query asks for it.
        builder.AddServiceDatabase<DossiersDb>("dossiers", db => db.UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking));
        builder.AddMessaging<DossiersDb>();

        builder.Services.AddServiceClient<ICatalogApi>("catalog", "catalog");
        builder.Services.AddServiceClient<IDocumentsApi>("documents", "documents");
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ProcedureCache>();
        builder.Services.AddSingleton<FormSchemaCache>();
        builder.Services.AddScoped<DocumentAttachments>();
        builder.Services.AddScoped<DossierSubmitter>();
        builder.Services.AddScoped<SupplementSubmitter>();
        builder.Services.AddScoped<ApplicantActions>();
        builder.Services.AddScoped<DossierStatusChangedHandler>();
        builder.Services.AddOpenApi();
        return builder;
    }

    public static WebApplication MapDossiersService(this WebApplication app)
    {
        app.MapDraftsApi();
        app.MapDossiersApi();
        app.MapSatisfactionApi();
        app.MapSupplementsApi();
        app.MapInternalApi();
        app.MapEventEndpoints<DossierStatusChangedHandler>("dossiers");
        app.MapOpenApi("/api/dossiers/openapi/{documentName}.json").AllowAnonymous();
        return app;
    }

    /// <summary>Brings the schema up to date before the service takes traffic.</summary>
    public static Task InitializeDossiersAsync(this WebApplication app) => app.InitializeDatabaseAsync<DossiersDb>();
}
