using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PublicServices.ServiceDefaults.Messaging;

/// <summary>Several envelopes in one request to <c>POST /api/&lt;service&gt;/events/batch</c>, handled in order.</summary>
public sealed record EventBatch(IReadOnlyList<EventEnvelope>? Events);

/// <summary>What the single-event endpoint would have answered for one event of a batch: its status and body.</summary>
public sealed record EventResult(Guid Id, int Status, JsonElement? Body);

public sealed record EventBatchResults(IReadOnlyList<EventResult> Results);

/// <summary>
/// The consumer's side of batched delivery. The dispatcher sends many events per request so that a busy outbox costs
/// one HTTP exchange (and one token check) per batch instead of per event; each event is still handled exactly as if
/// it had been posted alone, in its own DI scope, and gets its own status, so the producer's rules (2xx delivered,
/// 4xx poison, the rest retried) apply per event. Events of one dossier keep their order (<see cref="EventEnvelope.OrderKey"/>).
/// </summary>
public static class EventBatches
{
    /// <summary>Events per request; the dispatcher never sends more.</summary>
    public const int MaxEvents = 200;

    public static async Task<Results<Ok<EventBatchResults>, ValidationProblem>> HandleAsync(EventBatch batch, IServiceScopeFactory scopes,
        Func<EventEnvelope, IServiceProvider, Task<IResult>> handle, ILogger logger, CancellationToken cancel)
    {
        if (batch.Events is not { Count: > 0 and <= MaxEvents } events || events.Any(e => e is null))
            return Problems.Validation(new Dictionary<string, string[]>
            {
                ["events"] = [Problems.Text($"Cần từ 1 đến {MaxEvents} sự kiện.", $"Between 1 and {MaxEvents} events are required.")],
            });
        // Events about one dossier are handled in the order sent; different dossiers side by side, since one at a time
        // a consumer on a busy host falls behind its producers (each event waits for a few database round trips).
        var results = new EventResult[events.Count];
        var partitions = events.Select((envelope, index) => (envelope, index)).GroupBy(e => e.envelope.OrderKey, StringComparer.Ordinal);
        await Parallel.ForEachAsync(partitions, new ParallelOptions { MaxDegreeOfParallelism = MaxParallel, CancellationToken = cancel },
            async (partition, token) =>
            {
                foreach (var (envelope, index) in partition)
                    results[index] = ResultOf(envelope.Id, await HandleOneAsync(envelope, scopes, handle, logger, token));
            });
        return TypedResults.Ok(new EventBatchResults(results));
    }

    /// <summary>Events handled at the same time, per batch.</summary>
    public const int MaxParallel = 8;

    static async Task<IResult> HandleOneAsync(EventEnvelope envelope, IServiceScopeFactory scopes,
        Func<EventEnvelope, IServiceProvider, Task<IResult>> handle, ILogger logger, CancellationToken cancel)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            return await handle(envelope, scope.ServiceProvider);
        }
        catch (Exception e) when (!cancel.IsCancellationRequested)
        {
            // This event is retried by its producer; the others are still handled, as they would be one by one.
            logger.LogError(e, "Event {Id} ({Type}) of a batch failed", envelope.Id, envelope.Type);
            return Problems.Problem(StatusCodes.Status500InternalServerError, "Lỗi khi xử lý sự kiện", "The event could not be handled");
        }
    }

    static EventResult ResultOf(Guid id, IResult result)
    {
        if (result is INestedHttpResult nested)
            result = nested.Result;
        var status = (result as IStatusCodeHttpResult)?.StatusCode ?? StatusCodes.Status200OK;
        var value = (result as IValueHttpResult)?.Value;
        return new EventResult(id, status, value is null ? null : JsonSerializer.SerializeToElement(value, value.GetType(), EventEnvelope.JsonOptions));
    }
}
