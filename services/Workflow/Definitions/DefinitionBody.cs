using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PublicServices.ServiceDefaults;
using PublicServices.WorkflowEngine.Definitions;
using PublicServices.WorkflowEngine.Validation;
using PublicServices.WorkflowEngine.Stores;

namespace PublicServices.Workflow.Definitions;

/// <summary>Reads a definition (Elsa 3 JSON) from a request body, with field errors in the caller's language.</summary>
static partial class DefinitionBody
{
    /// <summary>Definition ids travel in URLs: letters, digits, dot, hyphen, underscore.</summary>
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")]
    private static partial Regex IdPattern();

    public static bool IsValidId(string? id) => id is not null && IdPattern().IsMatch(id);

    /// <summary>The body as a definition; null with errors when it is not a JSON object. Empty bodies give (null, null).</summary>
    public static async Task<(WorkflowDefinition? Definition, Dictionary<string, string[]>? Errors)> ReadAsync(HttpRequest request, int maxBytes,
        CancellationToken cancel)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancel)) > 0)
        {
            if (buffer.Length + read > maxBytes)
                return (null, Error("body", $"Quy trình vượt quá {maxBytes / 1024} KB.", $"The definition is larger than {maxBytes / 1024} KB."));
            buffer.Write(chunk, 0, read);
        }
        if (buffer.Length == 0 || buffer.ToArray().All(b => b is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t'))
            return (null, null);
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(buffer.ToArray(), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            return (null, Error("body", $"Nội dung không phải JSON hợp lệ: {e.Message}", $"The body is not valid JSON: {e.Message}"));
        }
        if (node is not JsonObject json)
            return (null, Error("body", "Quy trình phải là một đối tượng JSON.", "The definition must be a JSON object."));
        return (WorkflowDefinition.FromJson(json), null);
    }

    /// <summary>The errors of a body that is required but missing.</summary>
    public static Dictionary<string, string[]> Missing() =>
        Error("body", "Thiếu nội dung quy trình (JSON theo định dạng Elsa 3).", "The definition (Elsa 3 JSON) is missing.");

    public static Dictionary<string, string[]> Error(string field, string vi, string en) =>
        new(StringComparer.Ordinal) { [field] = [Problems.Text(vi, en)] };
}
