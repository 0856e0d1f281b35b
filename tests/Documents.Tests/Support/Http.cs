using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PublicServices.Documents.Domain;

namespace PublicServices.Documents.Tests.Support;

public static class Http
{
    /// <summary>Asserts an RFC 9457 answer with the status, and returns its body.</summary>
    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public static string FieldError(this JsonElement problem, string field) =>
        problem.GetProperty("errors").GetProperty(field)[0].GetString()!;

    public static async Task<T> OkAsync<T>(this HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<T>(body, JsonSerializerOptions.Web)!;
    }

    public static Task<HttpResponseMessage> GetDocumentAsync(this HttpClient client, Guid id) => client.GetAsync($"/api/documents/{id}");
    public static Task<HttpResponseMessage> GetContentAsync(this HttpClient client, Guid id) => client.GetAsync($"/api/documents/{id}/content");
    public static Task<HttpResponseMessage> GetLinkAsync(this HttpClient client, Guid id) => client.GetAsync($"/api/documents/{id}/link");

    public sealed record Link(string Url, DateTime ExpiresAt);

    public static async Task<List<DocumentDto>> ListAsync(this HttpClient client, bool unattached) =>
        (await client.GetFromJsonAsync<List<DocumentDto>>($"/api/documents?unattached={(unattached ? "true" : "false")}"))!;
}
