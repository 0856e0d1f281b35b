using System.Collections.Concurrent;
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
    /// names one) its workflow; without one the service runs its default workflow. Unless <paramref name="filed"/> is
    /// false, the dossier is also filed in <see cref="FiledDossiers"/> as the event claims it, as the dossiers service
    /// stores a dossier before its event leaves.
    /// </summary>
    public static JsonObject DossierSubmitted(Guid dossierId, string procedure = Agencies.CentreProcedure, string? code = null, Guid? id = null,
        string agency = Agencies.Centre, int statutoryWorkingDays = 5, string? workflow = null, bool filed = true)
    {
        var envelope = Envelope("DossierSubmitted.v1", new JsonObject
        {
            ["dossierId"] = dossierId.ToString(),
            ["code"] = code ?? $"{agency}-261126-{(dossierId.GetHashCode() & int.MaxValue) % 9999 + 1:D4}",
            ["procedureCode"] = procedure,
            ["procedureVersion"] = 1,
            ["agencyCode"] = agency,
            ["statutoryWorkingDays"] = statutoryWorkingDays,
            ["workflowDefinitionId"] = workflow,
            ["applicantId"] = "citizen-1",
            ["submittedAt"] = DateTimeOffset.UtcNow,
            ["documentIds"] = new JsonArray(),
        }, id);
        if (filed)
            FiledDossiers.File(envelope["payload"]!.AsObject());
        return envelope;
    }

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

    /// <summary>A withdrawal; unless <paramref name="filed"/> is false, the dossier is also stored as withdrawn in <see cref="FiledDossiers"/>.</summary>
    public static JsonObject DossierWithdrawn(Guid dossierId, string reason = "Tôi nộp nhầm thủ tục", bool filed = true)
    {
        if (filed)
            FiledDossiers.Withdraw(dossierId);
        return Envelope("DossierWithdrawn.v1", new JsonObject
        {
            ["dossierId"] = dossierId.ToString(),
            ["code"] = FiledDossiers.Find(dossierId)?["code"]?.DeepClone(),
            ["reason"] = reason,
            ["withdrawnAt"] = DateTimeOffset.UtcNow,
        });
    }
}

/// <summary>
/// The dossiers "stored" by the dossiers service, in the shape of its <c>GET /api/dossiers/internal/{id}</c>, for the
/// stand-in to answer the workflow's check with. Shared by every host of the test run: dossier ids are unique.
/// </summary>
public static class FiledDossiers
{
    static readonly ConcurrentDictionary<Guid, JsonObject> dossiers = new();

    /// <summary>Files (or files again, the last wins) the dossier a DossierSubmitted payload describes.</summary>
    public static void File(JsonObject payload)
    {
        var id = Guid.Parse((string)payload["dossierId"]!);
        dossiers[id] = new JsonObject
        {
            ["id"] = id,
            ["code"] = payload["code"]?.DeepClone(),
            ["procedureCode"] = payload["procedureCode"]?.DeepClone(),
            ["procedureVersion"] = payload["procedureVersion"]?.DeepClone(),
            ["agencyCode"] = payload["agencyCode"]?.DeepClone(),
            ["applicantId"] = payload["applicantId"]?.DeepClone(),
            ["submittedAt"] = payload["submittedAt"]?.DeepClone(),
            ["statutoryWorkingDays"] = payload["statutoryWorkingDays"]?.DeepClone(),
            ["workflowDefinitionId"] = payload["workflowDefinitionId"]?.DeepClone() ?? "",
            ["status"] = 1,
        };
    }

    /// <summary>Marks the dossier withdrawn (status 7), filing it first when nothing was filed for it.</summary>
    public static void Withdraw(Guid id) =>
        dossiers.AddOrUpdate(id, _ => new JsonObject { ["id"] = id, ["code"] = $"{Agencies.Centre}-261126-0001", ["status"] = 7 }, (_, d) =>
        {
            d["status"] = 7;
            return d;
        });

    public static JsonObject? Find(Guid id) => dossiers.TryGetValue(id, out var d) ? d : null;
}
