using System.Text.Json;
using Microsoft.Extensions.Localization;
using PublicServices.ServiceDefaults.Resources;

namespace PublicServices.ServiceDefaults.Messaging;

/// <summary>What travels between services (docs/contracts.md, Events): <c>{ id, type, occurredAt, payload }</c>.</summary>
public sealed record EventEnvelope(Guid Id, string? Type, DateTimeOffset OccurredAt, JsonElement Payload)
{
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    /// <summary>The payload property whose value orders events, in the outbox and at the consumer.</summary>
    public const string OrderKeyProperty = "dossierId";

    /// <summary>
    /// What the order of events matters within: the payload's <c>dossierId</c> (every event so far is about one
    /// dossier), else the event itself.
    /// </summary>
    public string OrderKey => Payload.ValueKind == JsonValueKind.Object && Payload.TryGetProperty(OrderKeyProperty, out var dossier)
        && dossier.ValueKind == JsonValueKind.String ? dossier.GetString()! : Id.ToString("N");

    /// <summary>The payload as <typeparamref name="T"/>; null when it does not have that shape.</summary>
    public T? PayloadAs<T>() where T : class
    {
        try { return Payload.Deserialize<T>(JsonOptions); }
        catch (JsonException) { return null; }
    }

    /// <summary>Field errors of a malformed envelope, keyed like the JSON.</summary>
    public Dictionary<string, string[]> FieldErrors(IStringLocalizer<SharedMessages> text)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (Id == Guid.Empty)
            errors["id"] = [text["Event.IdRequired"]];
        if (string.IsNullOrWhiteSpace(Type) || Type.Length > MessagingModel.TypeMaxLength)
            errors["type"] = [text["Event.TypeRequired"]];
        if (Payload.ValueKind != JsonValueKind.Object)
            errors["payload"] = [text["Event.PayloadObject"]];
        return errors;
    }
}
