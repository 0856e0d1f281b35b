using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using PublicServices.Contracts.Events;
using PublicServices.Notifications.Data;
using PublicServices.Notifications.Domain;
using PublicServices.Notifications.Resources;
using PublicServices.ServiceDefaults;
using PublicServices.ServiceDefaults.Resources;

namespace PublicServices.Notifications.Events;

/// <summary>
/// Turns a <c>NotificationRequested.v1</c> into deliveries: one per channel the applicant chose (e-mail by default),
/// rendered in their language, written in the transaction that records the event id in the inbox, so a repeat queues
/// nothing. An unknown template, or data the template cannot do without, is refused for good (400 with field errors):
/// the producer dead-letters it and nothing is queued. Officers' messages (<c>to</c> null) have nobody to go to yet:
/// they are kept as unresolved, with a line in the delivery log, and sent nowhere.
/// </summary>
public sealed class NotificationRequestedHandler(NotificationsDb db, TimeProvider clock, IStringLocalizer<Messages> text,
    IStringLocalizer<SharedMessages> shared, ILogger<NotificationRequestedHandler> logger) : IEventConsumer
{
    public IReadOnlyCollection<string> Types { get; } = [NotificationRequestedV1.Type];

    public async Task<IResult> HandleAsync(EventEnvelope envelope, ClaimsPrincipal sender, CancellationToken cancel) => await HandleAsync(envelope, cancel);

    async Task<Results<Ok, ValidationProblem>> HandleAsync(EventEnvelope envelope, CancellationToken cancel)
    {
        NotificationRequestedV1? request;
        try { request = envelope.PayloadAs<NotificationRequestedV1>(); }
        catch (System.Text.Json.JsonException) { request = null; }
        if (request is null)
            return Problems.Validation("payload", shared["Event.PayloadShape"]);
        var data = request.Data ?? [];
        var errors = Check(request, data);
        if (errors.Count > 0)
            return Problems.Validation(errors);

        var now = clock.GetUtcNow();
        await db.HandleOnceAsync(envelope, async c =>
        {
            if (request.To is null)
            {
                QueueForOfficers(envelope, request, data, now);
                return true;
            }
            var preference = PreferenceDto.Of(await db.Preferences.FindAsync([request.To], c));
            var message = MessageTemplates.Render(request.Template!, preference.Language!, data);
            foreach (var channel in preference.Channels!)
                db.Deliveries.Add(NewDelivery(envelope, request, channel, preference.Language!, message, now, DeliveryStatus.Pending));
            return true;
        }, now, cancel);
        return TypedResults.Ok();
    }

    Dictionary<string, string[]> Check(NotificationRequestedV1 request, JsonObject data)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request.DossierId is null || request.DossierId == Guid.Empty)
            errors["dossierId"] = [text["Event.DossierRequired"]];
        if (string.IsNullOrWhiteSpace(request.Template))
            errors["template"] = [text["Event.TemplateRequired"]];
        else if (!MessageTemplates.Required.ContainsKey(request.Template))
            errors["template"] = [text["Event.TemplateUnknown", request.Template]];
        else
            foreach (var field in MessageTemplates.Missing(request.Template, data))
                errors[field] = [text["Event.DataMissing"]];
        if (request.To is { } to && string.IsNullOrWhiteSpace(to))
            errors["to"] = [text["Event.RecipientMissing"]];
        if (request.To is null && (data["agencyCode"] is null || data["role"] is null))
            errors["to"] = [text["Event.RecipientMissing"]];
        return errors;
    }

    /// <summary>
    /// No recipient resolution for officers yet (identity has no "officers of a role at an agency" address): the message
    /// is rendered in Vietnamese and kept, with the log saying why it went nowhere, so nothing is dropped silently.
    /// </summary>
    void QueueForOfficers(EventEnvelope envelope, NotificationRequestedV1 request, JsonObject data, DateTimeOffset now)
    {
        var message = MessageTemplates.Render(request.Template!, Channels.DefaultLanguage, data);
        var delivery = NewDelivery(envelope, request, Channels.Officers, Channels.DefaultLanguage, message, now, DeliveryStatus.Unresolved);
        delivery.Recipient = $"{data["agencyCode"]}/{data["role"]}";
        delivery.LastError = "No recipient resolution for officers yet";
        db.Deliveries.Add(delivery);
        db.DeliveryLog.Add(new DeliveryAttempt
        {
            Id = Guid.CreateVersion7(now), DeliveryId = delivery.Id, DossierId = delivery.DossierId, Channel = delivery.Channel,
            Recipient = delivery.Recipient, Template = delivery.Template, Attempt = 0, Outcome = Outcomes.Unresolved, Error = delivery.LastError, At = now,
        });
        logger.LogWarning("Event {Id}: {Template} for the officers {Recipient} is kept unsent (no recipient resolution for officers yet)",
            envelope.Id, delivery.Template, delivery.Recipient);
    }

    static Delivery NewDelivery(EventEnvelope envelope, NotificationRequestedV1 request, string channel, string language, RenderedMessage message,
        DateTimeOffset now, DeliveryStatus status) => new()
    {
        Id = Guid.CreateVersion7(now), EventId = envelope.Id, DossierId = request.DossierId, Template = request.Template!, Channel = channel,
        UserId = request.To, Language = language, Subject = message.Subject, Text = message.Text,
        Html = channel == Channels.Email ? message.Html : null, Status = status, CreatedAt = now,
        NextAttemptAt = status == DeliveryStatus.Pending ? now : null,
    };
}
