using System.Text.Json;
using Microsoft.Extensions.Localization;
using PublicServices.ServiceDefaults.Resources;

namespace PublicServices.ServiceDefaults.Messaging;

/// <summary>
/// An event other services must learn, written in the same transaction as the change it describes and delivered
/// at least once by <see cref="OutboxDispatcher{TDb}"/> (consumers are idempotent on <see cref="Id"/>).
/// </summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; }
    /// <summary>Event name with its schema version, e.g. "DossierSubmitted.v1".</summary>
    public required string Type { get; set; }
    /// <summary>The payload as JSON text.</summary>
    public required string Payload { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    /// <summary>When the consumer acknowledged it (2xx); null while undelivered.</summary>
    public DateTimeOffset? DispatchedAt { get; set; }
    /// <summary>Delivery attempts made so far, the successful one included.</summary>
    public int Attempts { get; set; }
    /// <summary>Not retried before this instant (backoff); null when due at once.</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }
    public string? LastError { get; set; }
    /// <summary>The consumer refused it for good (a 4xx other than 408/429): kept for a person to look at, never retried.</summary>
    public bool Poisoned { get; set; }
}

/// <summary>An event a consumer has handled; written in the same transaction as the handling's effect.</summary>
public sealed class InboxRecord
{
    public Guid EventId { get; set; }
    public required string Type { get; set; }
    public DateTimeOffset ProcessedAt { get; set; }
}

/// <summary>What travels between services (docs/contracts.md, Events): <c>{ id, type, occurredAt, payload }</c>.</summary>
public sealed record EventEnvelope(Guid Id, string? Type, DateTimeOffset OccurredAt, JsonElement Payload)
{
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// What the order of events matters within: the payload's <c>dossierId</c> (every event so far is about one
    /// dossier), else the event itself.
    /// </summary>
    public string OrderKey => Payload.ValueKind == JsonValueKind.Object && Payload.TryGetProperty("dossierId", out var dossier)
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
