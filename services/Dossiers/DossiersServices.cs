using Microsoft.EntityFrameworkCore;
using PublicServices.Dossiers.Apis;
using PublicServices.Dossiers.Clients;
using PublicServices.Dossiers.Data;
using PublicServices.Dossiers.Events;
using PublicServices.Dossiers.Submission;
using PublicServices.Dossiers.Supplements;
using PublicServices.ServiceDefaults;

namespace PublicServices.Dossiers;

public static class DossiersServices
{
    /// <summary>
    /// Everything the dossiers service needs: tokens, its database and outbox dispatcher, the catalog and documents
    /// clients, the caches.
    /// </summary>
    public static WebApplicationBuilder AddDossiers(this WebApplicationBuilder builder)
    {
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
        builder.Services.AddOpenApi();
        builder.Services.AddScoped<DossierSubmitter>();
        builder.Services.AddScoped<SupplementSubmitter>();
        builder.Services.AddScoped<DossierStatusChangedHandler>();
        return builder;
    }

    public static WebApplication MapDossiers(this WebApplication app)
    {
        app.MapDraftsApi();
        app.MapDossiersApi();
        app.MapSupplementsApi();
        app.MapEventEndpoints<DossierStatusChangedHandler>("dossiers");
        app.MapOpenApi("/api/dossiers/openapi/{documentName}.json").AllowAnonymous();
        return app;
    }
}
