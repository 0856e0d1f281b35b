using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace PublicServices.Testing;

/// <summary>
/// The catalog's <c>GET /api/catalog/procedures/{code}</c> and <c>GET /api/catalog/agencies/{code}</c>, serving the
/// procedures and agencies a test publishes (JSON in the catalog's shape, see <c>CatalogProcedure</c> and
/// <c>CatalogAgency</c> in the contracts). Unknown codes answer 404; <see cref="Down"/> makes every request answer 503.
/// </summary>
public sealed class CatalogStandIn : StandInHost
{
    readonly ConcurrentDictionary<string, JsonObject> procedures = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<string, int> requests = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<string, JsonObject> agencies = new(StringComparer.Ordinal);

    /// <summary>When set, every request answers 503 (the catalog is down).</summary>
    public bool Down { get; set; }

    /// <summary>Serves <paramref name="procedure"/> under its <c>code</c> from now on (replacing an earlier one).</summary>
    public void Publish(JsonObject procedure) => procedures[(string)procedure["code"]!] = procedure;

    /// <summary>Serves an agency (code, names in both languages, no sub-units) from now on.</summary>
    public void PublishAgency(string code, string nameVi, string nameEn) => agencies[code] = new JsonObject
    {
        ["code"] = code, ["nameVi"] = nameVi, ["nameEn"] = nameEn, ["kind"] = "department", ["parentCode"] = null, ["children"] = new JsonArray(),
    };

    /// <summary>How many times the service under test asked for a procedure.</summary>
    public int RequestsFor(string code) => requests.GetValueOrDefault(code);

    public static async Task<CatalogStandIn> StartAsync(params JsonObject[] published)
    {
        var standIn = new CatalogStandIn();
        foreach (var procedure in published)
            standIn.Publish(procedure);
        var app = NewBuilder().Build();
        app.MapGet("/api/catalog/procedures/{code}", (string code) =>
        {
            standIn.requests.AddOrUpdate(code, 1, (_, n) => n + 1);
            if (standIn.Down)
                return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable);
            return standIn.procedures.TryGetValue(code, out var p)
                ? Results.Content(p.ToJsonString(), "application/json")
                : Results.Problem(statusCode: StatusCodes.Status404NotFound);
        });
        app.MapGet("/api/catalog/agencies/{code}", (string code) => standIn.Down
            ? Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable)
            : standIn.agencies.TryGetValue(code, out var a)
                ? Results.Content(a.ToJsonString(), "application/json")
                : Results.Problem(statusCode: StatusCodes.Status404NotFound));
        await standIn.StartAsync(app);
        return standIn;
    }
}
