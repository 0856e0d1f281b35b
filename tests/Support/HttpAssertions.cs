using System.Net;
using System.Text.Json.Nodes;
using Xunit;

namespace PublicServices.Testing;

/// <summary>Assertions on HTTP answers, with the body in the failure message.</summary>
public static class HttpAssertions
{
    /// <summary>The JSON object of an answer with the expected status.</summary>
    public static async Task<JsonObject> Json(this HttpResponseMessage response, HttpStatusCode expected) =>
        (await response.JsonNode(expected)).AsObject();

    /// <summary>The JSON array of an answer with the expected status.</summary>
    public static async Task<JsonArray> JsonArray(this HttpResponseMessage response, HttpStatusCode expected) =>
        (await response.JsonNode(expected)).AsArray();

    /// <summary>A problem+json answer (RFC 9457) with the expected status.</summary>
    public static async Task<JsonObject> Problem(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var problem = await response.Json(expected);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((int)expected, (int)problem["status"]!);
        return problem;
    }

    /// <summary>The field errors of a 400 validation problem.</summary>
    public static async Task<Dictionary<string, string[]>> FieldErrors(this HttpResponseMessage response)
    {
        var problem = await response.Problem(HttpStatusCode.BadRequest);
        return problem["errors"]!.AsObject().ToDictionary(e => e.Key, e => e.Value!.AsArray().Select(m => (string)m!).ToArray(), StringComparer.Ordinal);
    }

    static async Task<JsonNode> JsonNode(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return System.Text.Json.Nodes.JsonNode.Parse(body)!;
    }
}
