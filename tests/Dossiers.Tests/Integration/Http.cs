using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace PublicServices.Dossiers.Tests.Integration;

static class Http
{
    public static async Task<JsonObject> Json(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    /// <summary>A problem+json answer with the expected status.</summary>
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
        return problem["errors"]!.AsObject().ToDictionary(e => e.Key, e => e.Value!.AsArray().Select(m => (string)m!).ToArray());
    }

    public static Task<HttpResponseMessage> Submit(this HttpClient client, SubmissionBuilder submission, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/dossiers") { Content = JsonContent.Create(submission.Build()) };
        if (idempotencyKey is not null)
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        return client.SendAsync(request);
    }
}
