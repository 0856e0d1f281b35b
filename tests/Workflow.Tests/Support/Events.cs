using System.Text.Json.Nodes;

namespace PublicServices.Workflow.Tests.Support;

/// <summary>Event envelopes as the producers send them (docs/contracts.md, Events).</summary>
public static class Envelopes
{
    public static JsonObject Envelope(string type, JsonObject payload, Guid? id = null) => new()
    {
        ["id"] = (id ?? Guid.NewGuid()).ToString(),
        ["type"] = type,
        ["occurredAt"] = DateTimeOffset.UtcNow,
        ["payload"] = payload,
    };

    public static JsonObject DossierSubmitted(Guid dossierId, string procedure = Agencies.CentreProcedure, string? code = null, Guid? id = null) =>
        Envelope("DossierSubmitted.v1", new JsonObject
        {
            ["dossierId"] = dossierId.ToString(),
            ["code"] = code ?? $"{Agencies.Centre}-261126-{Random.Shared.Next(1, 9999):D4}",
            ["procedureCode"] = procedure,
            ["procedureVersion"] = 1,
            ["agencyCode"] = Agencies.Centre,
            ["applicantId"] = "citizen-1",
            ["submittedAt"] = DateTimeOffset.UtcNow,
            ["documentIds"] = new JsonArray(),
        }, id);

    public static JsonObject SupplementSubmitted(Guid dossierId, Guid? supplementId = null, Guid? id = null) =>
        Envelope("SupplementSubmitted.v1", new JsonObject
        {
            ["dossierId"] = dossierId.ToString(),
            ["code"] = "x",
            ["supplementId"] = (supplementId ?? Guid.NewGuid()).ToString(),
            ["documentIds"] = new JsonArray(Guid.NewGuid().ToString()),
            ["note"] = "Đã bổ sung bản sao căn cước",
            ["submittedAt"] = DateTimeOffset.UtcNow,
        }, id);
}
