using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;

namespace PublicServices.Testing;

/// <summary>
/// The dossiers service's <c>GET /api/dossiers/{id}</c> with its rule: a dossier of the agency named by the bearer
/// token's <c>agency</c> claim, or one whose applicant is the token's subject (a citizen or business), else 404; a token without the <c>dossiers</c> audience (or none) is 401. The
/// token is read, not validated: the service under test forwards the caller's, which it has validated itself.
/// <see cref="Down"/> answers 503.
/// </summary>
public sealed class DossiersStandIn : StandInHost
{
    readonly ConcurrentDictionary<Guid, JsonObject> dossiers = new();

    /// <summary>When set, every request answers 503 (the dossiers service is down).</summary>
    public bool Down { get; set; }

    /// <summary>Files a dossier of the agency (in the dossiers service's shape, the fields others read) and returns its id.</summary>
    public Guid File(string agency, string procedureCode, string? applicantId = null)
    {
        var id = Guid.NewGuid();
        dossiers[id] = new JsonObject
        {
            ["id"] = id,
            ["code"] = $"{agency}-261205-{dossiers.Count + 1:0000}",
            ["procedureCode"] = procedureCode,
            ["agencyCode"] = agency,
            ["applicantId"] = applicantId,
        };
        return id;
    }

    /// <summary>The code the stand-in gave a dossier.</summary>
    public string CodeOf(Guid id) => (string)dossiers[id]["code"]!;

    public static async Task<DossiersStandIn> StartAsync()
    {
        var standIn = new DossiersStandIn();
        var app = NewBuilder().Build();
        app.MapGet("/api/dossiers/{id:guid}", (Guid id, HttpRequest request) =>
        {
            if (standIn.Down)
                return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable);
            var header = request.Headers.Authorization.ToString();
            var token = header.StartsWith("Bearer ", StringComparison.Ordinal) ? new JsonWebToken(header["Bearer ".Length..]) : null;
            if (token is null || !token.Audiences.Contains("dossiers"))
                return Results.Problem(statusCode: StatusCodes.Status401Unauthorized);
            var agency = token.Claims.FirstOrDefault(c => c.Type == "agency")?.Value;
            var applicant = token.Claims.Any(c => c.Type == "role" && c.Value is "citizen" or "business")
                ? token.Claims.FirstOrDefault(c => c.Type == "sub")?.Value : null;
            return standIn.dossiers.TryGetValue(id, out var d)
                && ((agency is not null && (string?)d["agencyCode"] == agency) || (applicant is not null && (string?)d["applicantId"] == applicant))
                ? Results.Content(d.ToJsonString(), "application/json")
                : Results.Problem(statusCode: StatusCodes.Status404NotFound);
        });
        await standIn.StartAsync(app);
        return standIn;
    }
}
