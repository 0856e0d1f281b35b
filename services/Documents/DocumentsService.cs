using PublicServices.Contracts.Catalog;
using PublicServices.Contracts.Dossiers;
using PublicServices.Documents.Apis;
using PublicServices.Documents.Clients;
using PublicServices.Documents.Data;
using PublicServices.Documents.Domain;
using PublicServices.Documents.Domain.Attachments;
using PublicServices.Documents.Domain.Downloads;
using PublicServices.Documents.Domain.Expiry;
using PublicServices.Documents.Domain.Results;
using PublicServices.Documents.Events;
using PublicServices.Documents.Domain.Uploads;
using PublicServices.Documents.Storage;
using PublicServices.ServiceDefaults;
using PublicServices.ServiceDefaults.Audit;
using PublicServices.ServiceDefaults.Messaging;

namespace PublicServices.Documents;

/// <summary>The documents service: uploads, their storage, downloads, attaching to dossiers, expiry and signed result documents.</summary>
public static class DocumentsService
{
    /// <summary>
    /// Options, token validation, object storage, database with its outbox and inbox, catalog and dossiers clients, the
    /// domain's operations, the consumer of ResultRequested and OpenAPI.
    /// </summary>
    public static WebApplicationBuilder AddDocumentsService(this WebApplicationBuilder builder)
    {
        // Links signed with a published key could be forged by anyone: a real key outside the Demo environment.
        // The client secret gets the tokens the outbox delivers ResultIssued/ResultDelivered with.
        builder.RequireSecrets($"{DocumentsOptions.Section}:{nameof(DocumentsOptions.LinkSigningKey)}", "Auth:ClientSecret");
        builder.AddTokenValidation();
        builder.AddObjectStorage();
        builder.Services.AddOptions<DocumentsOptions>().Bind(builder.Configuration.GetSection(DocumentsOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => o.UnattachedTtl > TimeSpan.Zero && o.PendingUploadTimeout > TimeSpan.Zero
                && o.SweepInterval > TimeSpan.Zero && o.LinkLifetime > TimeSpan.Zero && o.UploadQueueWait >= TimeSpan.Zero
                && o.BusyRetryAfter >= TimeSpan.FromSeconds(1), "Documents: durations must be positive")
            .Validate(o => o.MinUploadRateGrace > TimeSpan.FromSeconds(1), "Documents:MinUploadRateGrace must be more than one second")
            .ValidateOnStart();
        builder.Services.AddOptions<ResultsOptions>().BindConfiguration(ResultsOptions.Section)
            .Validate(o => !o.Unloadable().Any(), $"{ResultsOptions.Section}:Certificates: each needs a base64 PKCS#12 with its private key (Pfx) and its Password")
            .ValidateOnStart();
        builder.AddServiceDatabase<DocumentsDb>("documents");
        builder.AddMessaging<DocumentsDb>();
        builder.AddAuditLog<DocumentsDb>();
        // Procedures are public in the catalog: without Auth:ClientId the call goes out anonymously.
        builder.Services.AddServiceClient<ICatalogApi>("catalog", "catalog");
        builder.Services.AddScoped<RequirementLookup>();
        builder.Services.AddScoped<AgencyLookup>();
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
        builder.Services.AddScoped<AgencyCertificates>();
        builder.Services.AddScoped<ResultIssuer>();
        builder.Services.AddScoped<ResultReader>();
        builder.Services.AddScoped<DeliveryRecorder>();
        builder.Services.AddScoped<ResultRequestedHandler>();
        builder.Services.AddOpenApi();
        return builder;
    }

    /// <summary>The documents and results APIs, the attachments API and event endpoints (for other services) and the OpenAPI document.</summary>
    public static WebApplication MapDocumentsService(this WebApplication app)
    {
        app.MapDocumentsApi();
        app.MapResultsApi();
        app.MapEventEndpoints<ResultRequestedHandler>("documents");
        app.MapAuditEndpoints<DocumentsDb>("documents");
        app.MapAttachmentsApi();
        app.MapOpenApi("/api/documents/openapi/{documentName}.json").AllowAnonymous();
        return app;
    }

    /// <summary>Migrates the database (PostgreSQL) or creates it (SQLite); the bucket or folder is created on start.</summary>
    public static Task InitializeDocumentsAsync(this WebApplication app) => app.InitializeDatabaseAsync<DocumentsDb>();
}
