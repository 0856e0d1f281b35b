using Microsoft.Extensions.Diagnostics.HealthChecks;
using PublicServices.Documents.Catalog;
using PublicServices.Documents.Data;
using PublicServices.Documents.Documents;
using PublicServices.Documents.Downloads;
using PublicServices.Documents.Expiry;
using PublicServices.Documents.Storage;
using PublicServices.Documents.Uploads;
using PublicServices.ServiceDefaults;

namespace PublicServices.Documents;

public static class DocumentsRegistration
{
    /// <summary>The documents service's own parts: options, database, catalog client, upload, attach and expiry.</summary>
    public static IHostApplicationBuilder AddDocuments(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DocumentsOptions>().Bind(builder.Configuration.GetSection(DocumentsOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => o.UnattachedTtl > TimeSpan.Zero && o.PendingUploadTimeout > TimeSpan.Zero
                && o.SweepInterval > TimeSpan.Zero && o.LinkLifetime > TimeSpan.Zero, "Documents: durations must be positive")
            .ValidateOnStart();
        builder.AddServiceDatabase<DocumentsDb>("documents");
        // Procedures are public in the catalog: without Auth:ClientId the call goes out anonymously.
        builder.Services.AddServiceClient<ICatalogApi>("catalog", "catalog");
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<LinkSigner>();
        builder.Services.AddScoped<RequirementLookup>();
        builder.Services.AddScoped<DocumentUploader>();
        builder.Services.AddScoped<DocumentAttacher>();
        builder.Services.AddScoped<ExpirySweep>();
        builder.Services.AddHostedService<ExpirySweepService>();
        builder.Services.AddHealthChecks().AddCheck<ObjectStoreHealthCheck>("object-store");
        builder.Services.AddOpenApi();
        return builder;
    }

    sealed class ObjectStoreHealthCheck(IObjectStore store) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await store.ExistsAsync("healthprobe", cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (Exception e)
            {
                return HealthCheckResult.Unhealthy("Object storage is unreachable", e);
            }
        }
    }
}
