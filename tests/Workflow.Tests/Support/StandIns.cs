using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PublicServices.Workflow.Tests.Support;

/// <summary>A real Kestrel app on a free loopback port, standing in for a service that is tested elsewhere.</summary>
public abstract class StandInHost : IAsyncDisposable
{
    WebApplication? app;

    /// <summary>The base address, for services:NAME:http:0.</summary>
    public string Address { get; private set; } = "";

    protected static WebApplicationBuilder NewBuilder()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        return builder;
    }

    protected async Task StartAsync(WebApplication started)
    {
        app = started;
        await app.StartAsync();
        Address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
        GC.SuppressFinalize(this);
    }
}

/// <summary>The catalog's GET /api/catalog/procedures/{code}, serving the procedures the tests publish.</summary>
public sealed class CatalogStandIn : StandInHost
{
    readonly ConcurrentDictionary<string, JsonObject> procedures = new();

    /// <summary>When set, every request answers 503 (the catalog is down).</summary>
    public bool Down { get; set; }

    public void Publish(string code, string agencyCode, decimal statutoryWorkingDays, string? workflowDefinitionId = "one-stop-standard") =>
        procedures[code] = new JsonObject
        {
            ["code"] = code, ["nameVi"] = "Thủ tục " + code, ["nameEn"] = "Procedure " + code, ["agencyCode"] = agencyCode, ["level"] = 4,
            ["statutoryWorkingDays"] = statutoryWorkingDays, ["published"] = true, ["version"] = 1, ["workflowDefinitionId"] = workflowDefinitionId,
        };

    public static async Task<CatalogStandIn> StartAsync()
    {
        var standIn = new CatalogStandIn();
        standIn.Publish(Agencies.CentreProcedure, Agencies.Centre, 5);
        standIn.Publish(Agencies.WardProcedure, Agencies.Ward, 3);
        var app = NewBuilder().Build();
        app.MapGet("/api/catalog/procedures/{code}", (string code) =>
            standIn.Down ? Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable)
            : standIn.procedures.TryGetValue(code, out var p) ? Results.Content(p.ToJsonString(), "application/json")
            : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Không tìm thấy thủ tục hành chính"));
        await standIn.StartAsync(app);
        return standIn;
    }
}

/// <summary>The dossiers service's POST /api/dossiers/events (and …/batch): records what the workflow service delivers, in order.</summary>
public sealed class DossiersStandIn : StandInHost
{
    readonly ConcurrentQueue<(JsonObject Envelope, string? Authorization)> received = new();

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
        await standIn.StartAsync(app);
        return standIn;
    }
}
