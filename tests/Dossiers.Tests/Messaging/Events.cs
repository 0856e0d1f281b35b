using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace PublicServices.Dossiers.Tests.Messaging;

/// <summary>Builds DossierStatusChanged.v1 envelopes as the workflow service sends them.</summary>
public sealed class StatusChange(Guid dossierId, int status)
{
    public Guid EventId { get; } = Guid.NewGuid();
    public DateTimeOffset At { get; set; } = DateTimeOffset.UtcNow;
    public string? Note { get; set; }
    public string? Reason { get; set; }
    public DateTimeOffset? DueAt { get; set; }
    public (string Reason, string[] Documents)? Supplement { get; set; }
    public string Type { get; set; } = "DossierStatusChanged.v1";

    public JsonObject Envelope() => new()
    {
        ["id"] = EventId,
        ["type"] = Type,
        ["occurredAt"] = At,
        ["payload"] = new JsonObject
        {
            ["dossierId"] = dossierId,
            ["status"] = status,
            ["at"] = At,
            ["actorId"] = "specialist@000.20.01.H10",
            ["actorName"] = "Trần Thị Chuyên Viên",
            ["note"] = Note,
            ["reason"] = Reason,
            ["dueAt"] = DueAt,
            ["supplement"] = Supplement is { } s
                ? new JsonObject { ["reason"] = s.Reason, ["documents"] = new JsonArray([.. s.Documents.Select(d => (JsonNode)d)]) }
                : null,
        },
    };

    public Task<HttpResponseMessage> SendAsync(HttpClient client) => client.PostAsJsonAsync("/api/dossiers/events", Envelope());
}

static class HostEvents
{
    /// <summary>A client holding the workflow service's token for this service.</summary>
    public static HttpClient Workflow(this DossiersHost host) => host.Client(host.Tokens.Service(DossiersHost.Audience, "svc-workflow"));

    /// <summary>Moves a dossier to "supplement requested", asking for the given documents.</summary>
    public static async Task<StatusChange> RequestSupplementAsync(this DossiersHost host, Guid dossierId, params string[] documents)
    {
        using var workflow = host.Workflow();
        var change = new StatusChange(dossierId, 5) { Supplement = ("Giấy chứng sinh bị mờ, đề nghị nộp lại bản rõ.", documents) };
        var response = await change.SendAsync(workflow);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return change;
    }
}
