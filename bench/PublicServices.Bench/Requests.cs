using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PublicServices.Bench;

/// <summary>The requests a business client makes to file a dossier: uploads, then the submission with its Idempotency-Key.</summary>
public static class Requests
{
    /// <summary>A procedure from the catalog and a valid form for it (built from its JSON Schema unless given).</summary>
    public static async Task<(JsonNode Procedure, JsonNode? Form)> ProcedureAndFormAsync(Api api, string procedureCode, string? form)
    {
        var procedure = await api.GetJsonAsync(api.Gateway($"/api/catalog/procedures/{procedureCode}"));
        return (procedure, string.IsNullOrWhiteSpace(form) ? SchemaSample.For(procedure["formSchema"]) : JsonNode.Parse(form));
    }

    public static IEnumerable<JsonNode> RequiredDocuments(JsonNode procedure) =>
        (procedure["requiredDocuments"] as JsonArray ?? []).OfType<JsonNode>();

    public static bool IsMandatory(JsonNode requirement) => requirement["mandatory"]?.GetValue<bool>() == true;

    public static bool Accepts(JsonNode requirement, string contentType) =>
        requirement["acceptedTypes"] is JsonArray types && types.Any(t => t?.ToString() == contentType);

    /// <summary>The JSON body of POST /api/dossiers.</summary>
    public static byte[] SubmissionBody(string procedureCode, JsonNode? form, IEnumerable<(string Requirement, Guid Document)> documents) =>
        Encoding.UTF8.GetBytes(new JsonObject
        {
            ["procedureCode"] = procedureCode,
            ["formData"] = form?.DeepClone(),
            ["documents"] = new JsonArray([.. documents.Select(d => (JsonNode)new JsonObject
            {
                ["requirementCode"] = d.Requirement,
                ["documentId"] = d.Document,
            })]),
        }.ToJsonString());

    public static HttpRequestMessage Submission(Api api, string token, byte[] body, string idempotencyKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, api.Gateway("/api/dossiers"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        request.Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } };
        return request;
    }

    /// <summary>A multipart upload of one file for a procedure's requirement.</summary>
    public static HttpRequestMessage Upload(Api api, string token, string procedure, string requirement, HttpContent file, string fileName)
    {
        var form = new MultipartFormDataContent();
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", fileName);
        var request = new HttpRequestMessage(HttpMethod.Post,
            api.Gateway($"/api/documents?procedure={Uri.EscapeDataString(procedure)}&requirement={Uri.EscapeDataString(requirement)}"))
        { Content = form };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    /// <summary>A string property of a JSON answer ("code", "id", "sha256"), or null.</summary>
    public static string? Property(string json, string name)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty(name, out var value)
                && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        }
        catch (JsonException) { return null; }
    }
}
