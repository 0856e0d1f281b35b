using PublicServices.Contracts.Catalog;
using PublicServices.Contracts.Dossiers;
using PublicServices.Documents.Apis;
using PublicServices.Documents.Clients;
using PublicServices.Documents.Data;
using PublicServices.Documents.Domain;
using PublicServices.Documents.Domain.Attachments;
using PublicServices.Documents.Domain.Downloads;
using PublicServices.Documents.Domain.Expiry;
using PublicServices.Documents.Domain.Uploads;
using PublicServices.Documents.Storage;
using PublicServices.ServiceDefaults;
using PublicServices.ServiceDefaults.Audit;

namespace PublicServices.Documents;

/// <summary>The documents service: uploads, their storage, downloads, attaching to dossiers and expiry.</summary>
public static class DocumentsService
{
    /// <summary>Options, token validation, object storage, database, catalog and dossiers clients, the domain's operations and OpenAPI.</summary>
    public static WebApplicationBuilder AddDocumentsService(this WebApplicationBuilder builder)
    {
        // Links signed with a published key could be forged by anyone: a real key outside the Demo environment.
        builder.RequireSecrets($"{DocumentsOptions.Section}:{nameof(DocumentsOptions.LinkSigningKey)}");
        builder.AddTokenValidation();
        builder.AddObjectStorage();
        builder.Services.AddOptions<DocumentsOptions>().Bind(builder.Configuration.GetSection(DocumentsOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => o.UnattachedTtl > TimeSpan.Zero && o.PendingUploadTimeout > TimeSpan.Zero
                && o.SweepInterval > TimeSpan.Zero && o.LinkLifetime > TimeSpan.Zero && o.UploadQueueWait >= TimeSpan.Zero
                && o.BusyRetryAfter >= TimeSpan.FromSeconds(1), "Documents: durations must be positive")
            .Validate(o => o.MinUploadRateGrace > TimeSpan.FromSeconds(1), "Documents:MinUploadRateGrace must be more than one second")
            .ValidateOnStart();
        builder.AddServiceDatabase<DocumentsDb>("documents");
        builder.AddAuditLog<DocumentsDb>();
        // Procedures are public in the catalog: without Auth:ClientId the call goes out anonymously.
        builder.Services.AddServiceClient<ICatalogApi>("catalog", "catalog");
        builder.Services.AddScoped<RequirementLookup>();
        // An officer's file: the dossiers service, asked with the officer's own token, decides whether they see the dossier.
        builder.Services.AddCallerTokenClient<IDossierHeadersApi>("dossiers");
        builder.Services.AddScoped<CallerDossierLookup>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddScoped<DocumentReader>();
        builder.Services.AddScoped<DocumentUploader>();
        builder.Services.AddSingleton<UploadPlaces>();
        builder.Services.AddSingleton<LocalUploadSlots>();
        builder.Services.AddScoped<UploadSlots>();
        builder.Services.AddSingleton<LinkSigner>();
        builder.Services.AddSingleton<DownloadLinks>();
        builder.Services.AddScoped<DocumentAttacher>();
        builder.Services.AddScoped<ExpirySweep>();
        builder.Services.AddHostedService<ExpirySweepService>();
        builder.Services.AddOpenApi();
        return builder;
    }

    /// <summary>The documents API, the attachments API (for the dossiers service) and the OpenAPI document.</summary>
    public static WebApplication MapDocumentsService(this WebApplication app)
    {
        app.MapDocumentsApi();
        app.MapAuditEndpoints<DocumentsDb>("documents");
        app.MapAttachmentsApi();
        app.MapOpenApi("/api/documents/openapi/{documentName}.json").AllowAnonymous();
        return app;
    }

    /// <summary>Migrates the database (PostgreSQL) or creates it (SQLite); the bucket or folder is created on start.</summary>
    public static Task InitializeDocumentsAsync(this WebApplication app) => app.InitializeDatabaseAsync<DocumentsDb>();
}
