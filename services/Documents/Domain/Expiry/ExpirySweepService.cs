using Microsoft.Extensions.Options;

namespace PublicServices.Documents.Domain.Expiry;

/// <summary>Runs the sweep every Documents:SweepInterval on each replica.</summary>
public sealed class ExpirySweepService(IServiceScopeFactory scopes, IOptions<DocumentsOptions> options,
    ILogger<ExpirySweepService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var deleted = await scope.ServiceProvider.GetRequiredService<ExpirySweep>().SweepAsync(stoppingToken);
                if (deleted > 0)
                    log.LogInformation("Expiry sweep deleted {Count} documents", deleted);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogError(e, "Expiry sweep failed");
            }
        }
    }
}
