using System.Buffers;
using System.Diagnostics.Metrics;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PublicServices.ServiceDefaults.Messaging;

/// <summary>The messaging metrics, exported with each service's other metrics.</summary>
public static class MessagingMetrics
{
    public const string MeterName = "PublicServices.Messaging";

    /// <summary>Events set aside for good (dead-lettered): refused by their consumer, or with no consumer at all.</summary>
    public const string DeadLettered = "publicservices.outbox.dead_lettered";
}

/// <summary>
/// Delivers the outbox of <typeparamref name="TDb"/>: undelivered events, oldest first, are POSTed as an
/// <see cref="EventBatch"/> to <c>/api/&lt;service&gt;/events/batch</c> of the service their type is routed to, with
/// this service's client-credentials token, and each event gets its own result. 2xx marks it dispatched; a 4xx other
/// than 401/408/429 poisons it (kept, never retried); anything else, a failed request, a timeout or no answer is
/// retried with exponential backoff. An event whose type has no route (no service consumes it) is poisoned at once
/// too: the poisoned rows are the dead-letter list, each with its reason in <c>last_error</c>, and every event set
/// aside counts in the metric <see cref="MessagingMetrics.DeadLettered"/> (tags <c>event.type</c>, <c>reason</c>).
/// Events of one dossier (<see cref="OutboxMessage.OrderKey"/>) leave in the order they occurred: one waiting for its
/// retry, or being sent by another replica, holds back the dossier's later events (a poisoned one no longer does), so a
/// consumer never sees a dossier's "processed" before its "received".
/// </summary>
/// <remarks>
/// Replicas share the work without any lock in memory: on PostgreSQL a round locks its batch with
/// <c>FOR UPDATE SKIP LOCKED</c> and keeps the lock until the results are committed, so another replica skips those
/// rows and no event is delivered by two dispatchers at once. A crash before the commit only means the batch is
/// delivered again (at least once; consumers are idempotent). SQLite is the single-process embedded mode: plain
/// reads, and no transaction held across HTTP calls since SQLite has a single writer.
/// </remarks>
public sealed class OutboxDispatcher<TDb>(IServiceScopeFactory scopes, IHttpClientFactory clients, ServiceTokenCache tokens,
    IOptionsMonitor<MessagingOptions> options, IOptions<AuthOptions> auth, TimeProvider time, IMeterFactory meters,
    ILogger<OutboxDispatcher<TDb>> logger)
    : BackgroundService where TDb : DbContext
{
    public const string HttpClientName = "outbox";

    readonly Counter<long> deadLettered = meters.Create(MessagingMetrics.MeterName).CreateCounter<long>(MessagingMetrics.DeadLettered, unit: "{event}",
        description: "Events set aside for good, by event type and reason (refused, no-consumer)");

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PollingLoop.RunAsync(DispatchOnceAsync, () => (TimeSpan.FromMilliseconds(options.CurrentValue.PollIntervalMilliseconds), options.CurrentValue.BatchSize),
            time, logger, stoppingToken);

    /// <summary>One round: locks a batch of due events, tries each once, records the results. Returns how many were due.</summary>
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
            var selected = batch.Count;
            await HoldBackAsync(db, batch, now, cancel);
            await DeliverAsync(batch, o, cancel);
            // Not cancellable: what was delivered before a shutdown is recorded rather than sent again. The delivered
            // (nearly all of them) in one statement; the change tracker writes the few failures.
            var delivered = batch.Where(m => m.DispatchedAt is not null).ToList();
            if (delivered.Count > 0)
            {
                foreach (var message in delivered)
                    db.Entry(message).State = EntityState.Detached;
                var deliveredIds = delivered.Select(m => m.Id).ToArray();
                await db.Database.ExecuteSqlAsync($"""
                    UPDATE outbox_messages SET attempts = attempts + 1, dispatched_at = {delivered.Max(m => m.DispatchedAt!.Value).UtcDateTime},
                        next_attempt_at = NULL
                    WHERE id = ANY({deliveredIds})
                    """, CancellationToken.None);
            }
            await db.SaveChangesAsync(CancellationToken.None);
            await transaction.CommitAsync(CancellationToken.None);
            return selected;
        }
        else
        {
            var batch = await db.Set<OutboxMessage>()
                .Where(m => m.DispatchedAt == null && !m.Poisoned && (m.NextAttemptAt == null || m.NextAttemptAt <= now))
                .OrderBy(m => m.OccurredAt).ThenBy(m => m.Id).Take(o.BatchSize)
                .AsTracking().ToListAsync(cancel);
            var selected = batch.Count;
            await HoldBackAsync(db, batch, now, cancel);
            await DeliverAsync(batch, o, cancel, afterEachRequest: () => db.SaveChangesAsync(CancellationToken.None));
            await db.SaveChangesAsync(CancellationToken.None);
            return selected;
        }
    }

    /// <summary>
    /// Takes out of <paramref name="batch"/> every event whose dossier has an earlier undelivered event outside it: one
    /// waiting for its retry (the held event then waits as long, so it is not picked again meanwhile) or one another
    /// replica is sending (its lock ends with that round). One indexed read of the batch's dossiers' pending events.
    /// </summary>
    static async Task HoldBackAsync(TDb db, List<OutboxMessage> batch, DateTimeOffset now, CancellationToken cancel)
    {
        var keys = batch.Where(m => m.OrderKey is not null).Select(m => m.OrderKey!).Distinct(StringComparer.Ordinal).ToList();
        if (keys.Count == 0)
            return;
        var inBatch = batch.Select(m => m.Id).ToHashSet();
        var pending = (await db.Set<OutboxMessage>().AsNoTracking()
                .Where(m => keys.Contains(m.OrderKey!) && m.DispatchedAt == null && !m.Poisoned)
                .Select(m => new { m.Id, m.OrderKey, m.OccurredAt, m.NextAttemptAt })
                .ToListAsync(cancel))
            .Where(m => !inBatch.Contains(m.Id))
            .ToLookup(m => m.OrderKey!, StringComparer.Ordinal);
        batch.RemoveAll(message =>
        {
            if (message.OrderKey is null)
                return false;
            // PostgreSQL orders uuids as .NET compares them (unsigned, field by field).
            var earlier = pending[message.OrderKey]
                .Where(e => e.OccurredAt < message.OccurredAt || (e.OccurredAt == message.OccurredAt && e.Id.CompareTo(message.Id) < 0))
                .ToList();
            if (earlier.Count == 0)
                return false;
            if (earlier.Max(e => e.NextAttemptAt) is { } retry && retry > now)
                message.NextAttemptAt = retry;
            return true;
        });
    }

    /// <summary>
    /// One attempt for every message, in order: grouped by consuming service into requests of at most
    /// <see cref="EventEndpoints.MaxEvents"/> events. A row changes only once its attempt has an outcome; a shutdown
    /// stops between requests and leaves the rest untouched.
    /// </summary>
    async Task DeliverAsync(List<OutboxMessage> batch, MessagingOptions o, CancellationToken cancel, Func<Task<int>>? afterEachRequest = null)
    {
        foreach (var message in batch.Where(m => !o.Routes.TryGetValue(m.Type, out var s) || string.IsNullOrWhiteSpace(s)))
            Fail(message, $"No consumer: configure {MessagingOptions.SectionName}:Routes:{message.Type}", poison: true, o, NoConsumer);
        var routed = batch.Where(m => o.Routes.TryGetValue(m.Type, out var s) && !string.IsNullOrWhiteSpace(s))
            .GroupBy(m => o.Routes[m.Type], StringComparer.Ordinal);
        foreach (var group in routed)
            foreach (var chunk in group.Chunk(EventEndpoints.MaxEvents))
            {
                try
                {
                    await SendAsync(group.Key, chunk, o, cancel);
                }
                catch (OperationCanceledException) when (cancel.IsCancellationRequested)
                {
                    return;
                }
                if (afterEachRequest is not null)
                    await afterEachRequest();
            }
    }

    async Task SendAsync(string service, OutboxMessage[] messages, MessagingOptions o, CancellationToken cancel)
    {
        string failure;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"http://{service}/api/{service}/events/batch")
            {
                Content = BatchContent(messages),
            };
            if (!string.IsNullOrEmpty(auth.Value.ClientId))
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.GetAsync(service, cancel));
            using var response = await clients.CreateClient(HttpClientName).SendAsync(request, cancel);
            if (response.IsSuccessStatusCode)
            {
                var answer = await response.Content.ReadFromJsonAsync<EventBatchResults>(EventEnvelope.JsonOptions, cancel);
                var results = (answer?.Results ?? []).GroupBy(r => r.Id).ToDictionary(g => g.Key, g => g.First());
                foreach (var message in messages)
                {
                    if (!results.TryGetValue(message.Id, out var result))
                        Fail(message, "The consumer's answer has no result for this event", poison: false, o);
                    else if (EventResult.IsHandled(result.Status))
                        Delivered(message);
                    else
                        Fail(message, $"{result.Status}: {result.Body?.GetRawText()}", poison: EventResult.IsRefused(result.Status), o);
                }
                return;
            }
            // The request as a whole was refused or failed (unavailable, token rejected, throttled): every event is retried.
            failure = $"{(int)response.StatusCode} {response.ReasonPhrase}: {await response.Content.ReadAsStringAsync(cancel)}";
        }
        catch (Exception e) when (!cancel.IsCancellationRequested)
        {
            failure = $"{e.GetType().Name}: {e.Message}";
        }
        foreach (var message in messages)
            Fail(message, failure, poison: false, o);
    }

    /// <summary>The batch as JSON, each payload written as stored (no parse and re-serialization per event).</summary>
    static ByteArrayContent BatchContent(OutboxMessage[] messages)
    {
        var buffer = new ArrayBufferWriter<byte>(1024 * messages.Length);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("events");
            foreach (var m in messages)
            {
                json.WriteStartObject();
                json.WriteString("id", m.Id);
                json.WriteString("type", m.Type);
                json.WriteString("occurredAt", m.OccurredAt);
                json.WritePropertyName("payload");
                json.WriteRawValue(m.Payload);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return new ByteArrayContent(buffer.WrittenSpan.ToArray()) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } };
    }

    void Delivered(OutboxMessage message)
    {
        message.Attempts++;
        message.DispatchedAt = time.GetUtcNow();
        message.NextAttemptAt = null;
    }

    const string NoConsumer = "no-consumer";

    void Fail(OutboxMessage message, string failure, bool poison, MessagingOptions o, string reason = "refused")
    {
        message.Attempts++;
        message.LastError = failure.Length > MessagingModel.ErrorMaxLength ? failure[..MessagingModel.ErrorMaxLength] : failure;
        if (poison)
        {
            message.Poisoned = true;
            message.NextAttemptAt = null;
            deadLettered.Add(1, new KeyValuePair<string, object?>("event.type", message.Type), new KeyValuePair<string, object?>("reason", reason));
            logger.LogError("Event {Id} ({Type}) set aside ({Reason}): {Error}", message.Id, message.Type, reason, message.LastError);
        }
        else
        {
            message.NextAttemptAt = time.GetUtcNow() + o.Backoff(message.Attempts, Random.Shared.NextDouble());
            logger.LogWarning("Event {Id} ({Type}) not delivered (attempt {Attempt}), retry at {Next}: {Error}",
                message.Id, message.Type, message.Attempts, message.NextAttemptAt, message.LastError);
        }
    }
}
