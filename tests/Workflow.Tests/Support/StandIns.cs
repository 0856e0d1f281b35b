using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace PublicServices.Workflow.Tests.Support;

/// <summary>
/// The dossiers service's POST /api/dossiers/events (and …/batch): records what the workflow service delivers, in
/// order; and its GET /api/dossiers/internal/{id}: the <see cref="FiledDossiers"/> (else 404), 503 while <see cref="Down"/>.
/// </summary>
public sealed class DossiersStandIn : StandInHost
{
    readonly ConcurrentQueue<(JsonObject Envelope, string? Authorization)> received = new();
    readonly ConcurrentQueue<(Guid DossierId, string? Authorization)> lookups = new();

    /// <summary>When set, the dossier lookup answers 503 (the dossiers service is down).</summary>
    public bool Down { get; set; }

    /// <summary>The dossiers the workflow looked up, with the Authorization header it sent.</summary>
    public IReadOnlyList<(Guid DossierId, string? Authorization)> Lookups => [.. lookups];

    public IReadOnlyList<JsonObject> Received => [.. received.Select(r => r.Envelope)];

    public IReadOnlyList<string?> Authorizations => [.. received.Select(r => r.Authorization)];

    /// <summary>The statuses delivered for one dossier, in arrival order.</summary>
    public IReadOnlyList<int> StatusesOf(Guid dossierId) =>
        [.. Received.Where(e => (string?)e["type"] == "DossierStatusChanged.v1" && (string?)e["payload"]!["dossierId"] == dossierId.ToString())
            .Select(e => (int)e["payload"]!["status"]!)];

    public static async Task<DossiersStandIn> StartAsync()
    {
        var standIn = new DossiersStandIn();
        var app = NewBuilder().Build();
        app.MapPost("/api/dossiers/events", async (HttpRequest request) =>
        {
            var envelope = await JsonSerializer.DeserializeAsync<JsonObject>(request.Body);
            standIn.received.Enqueue((envelope!, request.Headers.Authorization.ToString()));
            return Results.Ok();
        });
        app.MapPost("/api/dossiers/events/batch", async (HttpRequest request) =>
        {
            var batch = await JsonSerializer.DeserializeAsync<JsonObject>(request.Body);
            var results = new JsonArray();
            foreach (var envelope in batch!["events"]!.AsArray().Select(e => e!.AsObject()))
            {
                standIn.received.Enqueue((envelope.DeepClone().AsObject(), request.Headers.Authorization.ToString()));
                results.Add(new JsonObject { ["id"] = envelope["id"]!.DeepClone(), ["status"] = 200 });
            }
            return Results.Ok(new JsonObject { ["results"] = results });
        });
        app.MapGet("/api/dossiers/internal/{id:guid}", (Guid id, HttpRequest request) =>
        {
            standIn.lookups.Enqueue((id, request.Headers.Authorization.ToString()));
            if (standIn.Down)
                return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable);
            return FiledDossiers.Find(id) is { } dossier
                ? Results.Content(dossier.ToJsonString(), "application/json")
                : Results.Problem(statusCode: StatusCodes.Status404NotFound);
        });
        await standIn.StartAsync(app);
        return standIn;
    }
}
