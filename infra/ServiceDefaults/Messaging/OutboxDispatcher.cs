using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PublicServices.ServiceDefaults.Messaging;

/// <summary>
/// Delivers the outbox of <typeparamref name="TDb"/>: each undelivered event, oldest first, is POSTed as an
/// <see cref="EventEnvelope"/> to <c>/api/&lt;service&gt;/events</c> of the service its type is routed to, with this
/// service's client-credentials token. 2xx marks it dispatched; a 4xx other than 401/408/429 poisons it (kept, never
/// retried); anything else, a timeout or no answer is retried with exponential backoff.
/// </summary>
/// <remarks>
/// Replicas share the work without any lock in memory: on PostgreSQL a round locks its batch with
/// <c>FOR UPDATE SKIP LOCKED</c> and keeps the lock until the results are committed, so another replica skips those
/// rows and no event is delivered by two dispatchers at once. A crash before the commit only means the batch is
/// delivered again (at least once; consumers are idempotent). SQLite is the single-process embedded mode: plain
/// reads, and no transaction held across HTTP calls since SQLite has a single writer.
/// </remarks>
public sealed class OutboxDispatcher<TDb>(IServiceScopeFactory scopes, IHttpClientFactory clients, ServiceTokenCache tokens,
    IOptionsMonitor<MessagingOptions> options, IOptions<AuthOptions> auth, TimeProvider time, ILogger<OutboxDispatcher<TDb>> logger)
    : BackgroundService where TDb : DbContext
{
    public const string HttpClientName = "outbox";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield(); // let the host finish starting
        while (!stoppingToken.IsCancellationRequested)
        {
            var o = options.CurrentValue;
            int delivered;
            try
            {
                delivered = await DispatchOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database may be starting or migrating; the next round tries again.
                logger.LogWarning(e, "Outbox round failed");
                delivered = 0;
            }
            if (delivered < o.BatchSize)
            {
                try { await Task.Delay(TimeSpan.FromMilliseconds(o.PollIntervalMilliseconds), time, stoppingToken); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    /// <summary>One round: locks a batch of due events, tries each once, records the results. Returns the batch size.</summary>
    public async Task<int> DispatchOnceAsync(CancellationToken cancel)
    {
        var o = options.CurrentValue;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDb>();
        var now = time.GetUtcNow();
        if (db.Database.IsNpgsql())
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancel);
            var batch = await db.Set<OutboxMessage>().FromSql($"""
                SELECT * FROM outbox_messages
                WHERE dispatched_at IS NULL AND NOT poisoned AND (next_attempt_at IS NULL OR next_attempt_at <= {now.UtcDateTime})
                ORDER BY occurred_at, id
                LIMIT {o.BatchSize}
                FOR UPDATE SKIP LOCKED
                """).AsTracking().ToListAsync(cancel);
            foreach (var message in batch)
            {
                if (!await TryDeliverAsync(message, o, cancel))
                    break;
            }
            // Not cancellable: what was delivered before a shutdown is recorded rather than sent again.
            await db.SaveChangesAsync(CancellationToken.None);
            await transaction.CommitAsync(CancellationToken.None);
            return batch.Count;
        }
        else
        {
            var batch = await db.Set<OutboxMessage>()
                .Where(m => m.DispatchedAt == null && !m.Poisoned && (m.NextAttemptAt == null || m.NextAttemptAt <= now))
                .OrderBy(m => m.OccurredAt).ThenBy(m => m.Id).Take(o.BatchSize)
                .AsTracking().ToListAsync(cancel);
            foreach (var message in batch)
            {
                if (!await TryDeliverAsync(message, o, cancel))
                    break;
                await db.SaveChangesAsync(CancellationToken.None);
            }
            return batch.Count;
        }
    }

    /// <summary>One attempt; the row is changed only once the attempt has an outcome. False when stopped by shutdown.</summary>
    async Task<bool> TryDeliverAsync(OutboxMessage message, MessagingOptions o, CancellationToken cancel)
    {
        try
        {
            await DeliverAsync(message, o, cancel);
            return true;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            return false;
        }
    }

    async Task DeliverAsync(OutboxMessage message, MessagingOptions o, CancellationToken cancel)
    {
        string failure;
        var poison = false;
        if (!o.Routes.TryGetValue(message.Type, out var service) || string.IsNullOrWhiteSpace(service))
            failure = $"No consumer: configure {MessagingOptions.SectionName}:Routes:{message.Type}";
        else
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, $"http://{service}/api/{service}/events")
                {
                    Content = JsonContent.Create(EventEnvelope.From(message), options: EventEnvelope.JsonOptions),
                };
                if (!string.IsNullOrEmpty(auth.Value.ClientId))
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.GetAsync(service, cancel));
                using var response = await clients.CreateClient(HttpClientName).SendAsync(request, cancel);
                if (response.IsSuccessStatusCode)
                {
                    message.Attempts++;
                    message.DispatchedAt = time.GetUtcNow();
                    message.NextAttemptAt = null;
                    return;
                }
                var status = (int)response.StatusCode;
                var body = await response.Content.ReadAsStringAsync(cancel);
                failure = $"{status} {response.ReasonPhrase}: {body}";
                poison = status is >= 400 and < 500 and not (401 or 408 or 429);
            }
            catch (Exception e) when (!cancel.IsCancellationRequested)
            {
                failure = $"{e.GetType().Name}: {e.Message}";
            }
        }
        message.Attempts++;
        message.LastError = failure.Length > MessagingModel.ErrorMaxLength ? failure[..MessagingModel.ErrorMaxLength] : failure;
        if (poison)
        {
            message.Poisoned = true;
            message.NextAttemptAt = null;
            logger.LogError("Event {Id} ({Type}) refused by its consumer and set aside: {Error}", message.Id, message.Type, message.LastError);
        }
        else
        {
            message.NextAttemptAt = time.GetUtcNow() + o.Backoff(message.Attempts, Random.Shared.NextDouble());
            logger.LogWarning("Event {Id} ({Type}) not delivered (attempt {Attempt}), retry at {Next}: {Error}",
                message.Id, message.Type, message.Attempts, message.NextAttemptAt, message.LastError);
        }
    }
}
