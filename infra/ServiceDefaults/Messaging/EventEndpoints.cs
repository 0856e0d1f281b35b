using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PublicServices.ServiceDefaults.Resources;

namespace PublicServices.ServiceDefaults.Messaging;

/// <summary>Several envelopes in one request to <c>POST /api/&lt;service&gt;/events/batch</c>, handled in order.</summary>
public sealed record EventBatch(IReadOnlyList<EventEnvelope>? Events);

/// <summary>What the single-event endpoint would have answered for one event of a batch: its status and body.</summary>
public sealed record EventResult(Guid Id, int Status, JsonElement? Body)
{
    /// <summary>2xx: handled, or handled before.</summary>
    public static bool IsHandled(int status) => status is >= 200 and < 300;

    /// <summary>A 4xx other than 401/408/429: refused for good (the producer poisons it); any other failure is retried.</summary>
    public static bool IsRefused(int status) => status is >= 400 and < 500 and not (401 or 408 or 429);
}

public sealed record EventBatchResults(IReadOnlyList<EventResult> Results);

/// <summary>A service's handling of the events other services deliver to it (registered scoped).</summary>
public interface IEventConsumer
{
    /// <summary>The event types it handles (with their version, e.g. "DossierSubmitted.v1"); others are refused with 400.</summary>
    IReadOnlyCollection<string> Types { get; }

    /// <summary>
    /// Handles one event whose envelope is well formed and whose sender may send it. 2xx: handled (or handled
    /// before: consumers are idempotent on the event id); 4xx other than 408/429: refused for good; anything else is retried.
    /// </summary>
    Task<IResult> HandleAsync(EventEnvelope envelope, ClaimsPrincipal sender, CancellationToken cancel);
}

/// <summary>
/// The consumer's side of delivery (docs/contracts.md, Events), the same for every service: <c>POST /api/&lt;service&gt;/events</c>
/// for one envelope and <c>…/events/batch</c> for up to <see cref="MaxEvents"/>. Only services may call them, and per event
/// type only the one client configured under Messaging:Producers. The dispatcher sends many events per request so that a busy
/// outbox costs one HTTP exchange (and one token check) per batch instead of per event; each event is still handled
/// exactly as if it had been posted alone, in its own DI scope, and gets its own status, so the producer's rules
/// (2xx delivered, 4xx poison, the rest retried) apply per event.
/// </summary>
public static class EventEndpoints
{
    /// <summary>Events per request; the dispatcher never sends more.</summary>
    public const int MaxEvents = 200;

    /// <summary>Events of a batch handled at the same time (those of one dossier always one after the other).</summary>
    public const int MaxParallel = 8;

    /// <summary>
    /// Maps the two event endpoints of <paramref name="service"/> onto <typeparamref name="TConsumer"/>. Refuses to start
    /// unless Messaging:Producers names exactly one client for every type the consumer handles.
    /// </summary>
    public static IEndpointRouteBuilder MapEventEndpoints<TConsumer>(this IEndpointRouteBuilder app, string service)
        where TConsumer : class, IEventConsumer
    {
        using (var scope = app.ServiceProvider.CreateScope())
        {
            var unnamed = scope.ServiceProvider.GetRequiredService<IOptions<MessagingOptions>>().Value
                .WithoutOneProducer(scope.ServiceProvider.GetRequiredService<TConsumer>().Types);
            if (unnamed.Count > 0)
                throw new InvalidOperationException($"Name the one client that may send each event type this service consumes: "
                    + string.Join(", ", unnamed.Select(t => $"{MessagingOptions.SectionName}:Producers:{t}")));
        }
        app.MapPost($"/api/{service}/events", (EventEnvelope envelope, ClaimsPrincipal caller, HttpContext http, CancellationToken cancel) =>
                ReceiveAsync(envelope, caller, http.RequestServices, http.RequestServices.GetRequiredService<TConsumer>(), cancel))
            .WithTags("Events").RequireAuthorization(Policies.Service);
        app.MapPost($"/api/{service}/events/batch", (EventBatch batch, ClaimsPrincipal caller, HttpContext http, ILogger<EventBatch> logger,
                CancellationToken cancel) => ReceiveBatchAsync(batch, caller, http.RequestServices, logger,
                scoped => scoped.GetRequiredService<TConsumer>(), cancel))
            .WithTags("Events").RequireAuthorization(Policies.Service);
        return app;
    }

    static async Task<IResult> ReceiveAsync(EventEnvelope envelope, ClaimsPrincipal caller, IServiceProvider services, IEventConsumer consumer,
        CancellationToken cancel)
    {
        var text = services.GetRequiredService<IStringLocalizer<SharedMessages>>();
        var errors = envelope.FieldErrors(text);
        if (errors.Count > 0)
            return Problems.Validation(errors);
        // A type this service does not consume has no producer either: say which, rather than only "forbidden".
        if (!consumer.Types.Contains(envelope.Type!, StringComparer.Ordinal))
            return Problems.Problem(StatusCodes.Status400BadRequest, text["Event.UnsupportedType"], detail: envelope.Type);
        if (!services.GetRequiredService<IOptions<MessagingOptions>>().Value.MayProduce(caller, envelope.Type!))
            return Problems.Forbidden();
        return await consumer.HandleAsync(envelope, caller, cancel);
    }

    static async Task<Results<Ok<EventBatchResults>, ValidationProblem>> ReceiveBatchAsync(EventBatch batch, ClaimsPrincipal caller,
        IServiceProvider services, ILogger logger, Func<IServiceProvider, IEventConsumer> consumer, CancellationToken cancel)
    {
        var text = services.GetRequiredService<IStringLocalizer<SharedMessages>>();
        if (batch.Events is not { Count: > 0 and <= MaxEvents } events || events.Any(e => e is null))
            return Problems.Validation("events", text["Event.BatchSize", MaxEvents]);
        // Events about one dossier are handled in the order sent; different dossiers side by side, since one at a time
        // a consumer on a busy host falls behind its producers (each event waits for a few database round trips).
        var scopes = services.GetRequiredService<IServiceScopeFactory>();
        var results = new EventResult[events.Count];
        var partitions = events.Select((envelope, index) => (envelope, index)).GroupBy(e => e.envelope.OrderKey, StringComparer.Ordinal);
        await Parallel.ForEachAsync(partitions, new ParallelOptions { MaxDegreeOfParallelism = MaxParallel, CancellationToken = cancel },
            async (partition, token) =>
            {
                // After an event that will be retried, the dossier's later ones wait for it: handled now, they would overtake it.
                EventResult? failed = null;
                foreach (var (envelope, index) in partition)
                {
                    results[index] = failed is null
                        ? ResultOf(envelope.Id, await HandleOneAsync(envelope, caller, scopes, consumer, logger, token))
                        : ResultOf(envelope.Id, Problems.Problem(StatusCodes.Status503ServiceUnavailable, text["Event.HeldBack", failed.Id]));
                    if (failed is null && !EventResult.IsHandled(results[index].Status) && !EventResult.IsRefused(results[index].Status))
                        failed = results[index];
                }
            });
        return TypedResults.Ok(new EventBatchResults(results));
    }

    static async Task<IResult> HandleOneAsync(EventEnvelope envelope, ClaimsPrincipal caller, IServiceScopeFactory scopes,
        Func<IServiceProvider, IEventConsumer> consumer, ILogger logger, CancellationToken cancel)
    {
        await using var scope = scopes.CreateAsyncScope();
        try
        {
            return await ReceiveAsync(envelope, caller, scope.ServiceProvider, consumer(scope.ServiceProvider), cancel);
        }
        catch (Exception e) when (!cancel.IsCancellationRequested)
        {
            // This event is retried by its producer; the others are still handled, as they would be one by one.
            logger.LogError(e, "Event {Id} ({Type}) of a batch failed", envelope.Id, envelope.Type);
            var text = scope.ServiceProvider.GetRequiredService<IStringLocalizer<SharedMessages>>();
            return Problems.Problem(StatusCodes.Status500InternalServerError, text["Event.Failed"]);
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
