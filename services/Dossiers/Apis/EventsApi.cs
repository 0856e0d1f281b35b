using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using PublicServices.Dossiers.Events;
using PublicServices.ServiceDefaults;
using PublicServices.ServiceDefaults.Messaging;

namespace PublicServices.Dossiers.Apis;

/// <summary>
/// Events other services deliver to this one (docs/contracts.md, Events): only services, and per event type only
/// the clients configured under Messaging:Producers. A repeated event id answers 200 and changes nothing.
/// </summary>
public static class EventsApi
{
    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/dossiers/events", Receive).WithTags("Events").RequireAuthorization(Policies.Service);
        app.MapPost("/api/dossiers/events/batch", ReceiveBatch).WithTags("Events").RequireAuthorization(Policies.Service);
        return app;
    }

    static async Task<Results<Ok, ValidationProblem, ProblemHttpResult>> Receive(EventEnvelope envelope, ClaimsPrincipal caller,
        IOptions<MessagingOptions> messaging, DossierStatusChangedHandler statusChanged, CancellationToken cancel)
    {
        var errors = envelope.FieldErrors();
        if (errors.Count > 0)
            return Problems.Validation(errors);
        if (!messaging.Value.MayProduce(caller, envelope.Type!))
            return Problems.Forbidden();
        return envelope.Type switch
        {
            DossierStatusChangedV1.Type => await statusChanged.HandleAsync(envelope, cancel),
            _ => Problems.Problem(StatusCodes.Status400BadRequest, "Loại sự kiện không được hỗ trợ", "This event type is not supported",
                detail: envelope.Type),
        };
    }

    /// <summary>Several events in order, each answered as <see cref="Receive"/> would answer it alone.</summary>
    static Task<Results<Ok<EventBatchResults>, ValidationProblem>> ReceiveBatch(EventBatch batch, ClaimsPrincipal caller,
        IOptions<MessagingOptions> messaging, IServiceScopeFactory scopes, ILogger<EventBatch> logger, CancellationToken cancel) =>
        EventBatches.HandleAsync(batch, scopes, async (envelope, services) =>
            await Receive(envelope, caller, messaging, services.GetRequiredService<DossierStatusChangedHandler>(), cancel), logger, cancel);
}
