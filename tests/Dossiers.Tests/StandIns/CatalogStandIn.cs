using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace PublicServices.Dossiers.Tests.StandIns;

/// <summary>The catalog's GET /api/catalog/procedures/{code}, serving the procedures the tests publish.</summary>
public sealed class CatalogStandIn : StandInHost
{
    readonly ConcurrentDictionary<string, JsonObject> procedures = new();
    readonly ConcurrentDictionary<string, int> requests = new();

    public void Publish(JsonObject procedure) => procedures[(string)procedure["code"]!] = procedure;

    /// <summary>How many times the dossiers service asked for a procedure.</summary>
    public int RequestsFor(string code) => requests.GetValueOrDefault(code);

    public static async Task<CatalogStandIn> StartAsync()
    {
        var standIn = new CatalogStandIn();
        standIn.Publish(Procedures.BirthRegistration());
        var app = NewBuilder().Build();
        app.MapGet("/api/catalog/procedures/{code}", (string code) =>
        {
            standIn.requests.AddOrUpdate(code, 1, (_, n) => n + 1);
            return standIn.procedures.TryGetValue(code, out var p)
                ? Results.Content(p.ToJsonString(), "application/json")
                : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Không tìm thấy thủ tục hành chính");
        });
        await standIn.StartAsync(app);
        return standIn;
    }
}
