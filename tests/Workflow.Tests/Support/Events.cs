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

    /// <summary>
    /// A submission carrying its procedure as submitted: the agency that handles it, its statutory limit and (when it
    /// names one) its workflow; without one the service runs its default workflow.
    /// </summary>
    public static JsonObject DossierSubmitted(Guid dossierId, string procedure = Agencies.CentreProcedure, string? code = null, Guid? id = null,
        string agency = Agencies.Centre, int statutoryWorkingDays = 5, string? workflow = null) =>
        Envelope("DossierSubmitted.v1", new JsonObject
        {
            ["dossierId"] = dossierId.ToString(),
            ["code"] = code ?? $"{agency}-261126-{Random.Shared.Next(1, 9999):D4}",
            ["procedureCode"] = procedure,
            ["procedureVersion"] = 1,
            ["agencyCode"] = agency,
            ["statutoryWorkingDays"] = statutoryWorkingDays,
            ["workflowDefinitionId"] = workflow,
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

    public static JsonObject DossierWithdrawn(Guid dossierId, string reason = "Tôi nộp nhầm thủ tục") =>
        Envelope("DossierWithdrawn.v1", new JsonObject
        {
            ["dossierId"] = dossierId.ToString(),
            ["code"] = "x",
            ["reason"] = reason,
            ["withdrawnAt"] = DateTimeOffset.UtcNow,
        });
}
