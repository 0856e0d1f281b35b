using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using PublicServices.Documents.Domain;
using PublicServices.Documents.Domain.Downloads;
using PublicServices.Testing;

namespace PublicServices.Documents.Tests.Support;

/// <summary>The documents API's requests and answers, on top of the shared <see cref="HttpAssertions"/>.</summary>
public static class DocumentRequests
{
    public static Task<HttpResponseMessage> GetDocumentAsync(this HttpClient client, Guid id) => client.GetAsync($"/api/documents/{id}");
    public static Task<HttpResponseMessage> GetContentAsync(this HttpClient client, Guid id) => client.GetAsync($"/api/documents/{id}/content");
    public static Task<HttpResponseMessage> GetLinkAsync(this HttpClient client, Guid id) => client.GetAsync($"/api/documents/{id}/link");

    public static async Task<List<DocumentDto>> ListAsync(this HttpClient client, bool unattached)
    {
        using var response = await client.GetAsync($"/api/documents?unattached={(unattached ? "true" : "false")}");
        return await response.DocumentsAsync();
    }

    /// <summary>The document in an answer with the expected status.</summary>
    public static async Task<DocumentDto> DocumentAsync(this HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK) =>
        As<DocumentDto>(await response.Json(expected));

    /// <summary>The documents in a 200 answer.</summary>
    public static async Task<List<DocumentDto>> DocumentsAsync(this HttpResponseMessage response) =>
        As<List<DocumentDto>>(await response.JsonArray(HttpStatusCode.OK));

    /// <summary>The download link in a 200 answer.</summary>
    public static async Task<DocumentLink> LinkAsync(this HttpResponseMessage response) => As<DocumentLink>(await response.Json(HttpStatusCode.OK));

    /// <summary>413 and 415 carry the file's message under errors.file, as a 400 does.</summary>
    public static string FileError(this JsonObject problem) => (string)problem["errors"]!["file"]![0]!;

    static T As<T>(JsonNode node) => node.Deserialize<T>(JsonSerializerOptions.Web)!;
}
