using Microsoft.Extensions.Options;
using PublicServices.ServiceDefaults;

namespace PublicServices.Documents.Storage;

public static class StorageExtensions
{
    /// <summary>
    /// Registers the object store chosen by Storage:Provider, creates its bucket or folder on start, and reports it in
    /// the readiness check.
    /// </summary>
    public static IHostApplicationBuilder AddObjectStorage(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<StorageOptions>().Bind(builder.Configuration.GetSection(StorageOptions.Section))
            .Validate(o => !o.Problems().Any(), "Storage settings are incomplete or invalid: set Storage:S3:Endpoint, AccessKey, SecretKey and Bucket, and a PartSize of 5–64 MiB")
            .ValidateOnStart();
        builder.Services.AddSingleton<IObjectStore>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            if (options.Provider == StorageProvider.S3)
                return new S3ObjectStore(options.S3, sp.GetRequiredService<ILogger<S3ObjectStore>>());
            var dataRoot = builder.Configuration.GetSection("Database").Get<DatabaseOptions>()?.DataRoot ?? new DatabaseOptions().DataRoot;
            return new LocalObjectStore(string.IsNullOrWhiteSpace(options.Local.Root) ? Path.Combine(dataRoot, "documents") : options.Local.Root);
        });
        builder.Services.AddHostedService<StorageInitializer>();
        builder.Services.AddHealthChecks().AddCheck<ObjectStoreHealthCheck>("object-store");
        return builder;
    }

    sealed class StorageInitializer(IObjectStore store) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => store.InitializeAsync(cancellationToken);
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
