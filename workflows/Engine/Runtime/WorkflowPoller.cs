using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PublicServices.WorkflowEngine.Runtime;

/// <summary>
/// Fires due timers and retries due incidents in the background. Every replica runs one; the claims skip rows
/// another replica holds, so they share the work instead of doing it twice.
/// </summary>
internal sealed class WorkflowPoller(WorkflowRuntime runtime, IOptions<WorkflowRuntimeOptions> options, TimeProvider time,
    ILogger<WorkflowPoller> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (!o.EnablePoller) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            var busy = false;
            try
            {
                var timers = await runtime.RunDueTimersAsync(stoppingToken);
                var incidents = await runtime.RetryDueIncidentsAsync(stoppingToken);
                // A full batch means more may be due: look again at once.
                busy = timers >= o.PollBatchSize || incidents >= o.PollBatchSize;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Workflow poller failed; it tries again in {Interval}.", o.PollInterval);
            }
            if (busy) continue;
            try
            {
                await Task.Delay(o.PollInterval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
