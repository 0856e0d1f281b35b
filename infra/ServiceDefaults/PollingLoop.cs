using Microsoft.Extensions.Logging;

namespace PublicServices.ServiceDefaults;

/// <summary>The loop of a background worker that drains a table in rounds (the events' outbox, the identity mail queue).</summary>
public static class PollingLoop
{
    /// <summary>
    /// Runs <paramref name="round"/> until stopped. After a round that handled fewer rows than a batch, waits the interval
    /// (a full batch means more may be waiting). A failed round is logged and the next one tries again: the database may
    /// be starting or migrating.
    /// </summary>
    public static async Task RunAsync(Func<CancellationToken, Task<int>> round, Func<(TimeSpan Interval, int BatchSize)> settings,
        TimeProvider time, ILogger logger, CancellationToken stoppingToken)
    {
        await Task.Yield(); // let the host finish starting
        while (!stoppingToken.IsCancellationRequested)
        {
            var (interval, batchSize) = settings();
            int handled;
            try
            {
                handled = await round(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The logger's category names the worker.
                logger.LogWarning(e, "Round failed; the next one tries again");
                handled = 0;
            }
            if (handled < batchSize)
            {
                try { await Task.Delay(interval, time, stoppingToken); }
                catch (OperationCanceledException) { return; }
            }
        }
    }
}
