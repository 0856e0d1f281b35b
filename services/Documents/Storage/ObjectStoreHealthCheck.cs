using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PublicServices.Documents.Storage;

/// <summary>Ready only while the object store answers: a replica that cannot reach it can neither store nor serve.</summary>
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
