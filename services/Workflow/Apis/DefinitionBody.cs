using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;
using PublicServices.Workflow.Resources;
using PublicServices.WorkflowEngine.Definitions;

namespace PublicServices.Workflow.Apis;

/// <summary>Reads a definition (Elsa 3 JSON) from a request body, with field errors in the caller's language.</summary>
static partial class DefinitionBody
{
    /// <summary>Definition ids travel in URLs: letters, digits, dot, hyphen, underscore.</summary>
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")]
    private static partial Regex IdPattern();

    public static bool IsValidId(string? id) => id is not null && IdPattern().IsMatch(id);

    /// <summary>The body as a definition; null with errors when it is not a JSON object. Empty bodies give (null, null).</summary>
    public static async Task<(WorkflowDefinition? Definition, Dictionary<string, string[]>? Errors)> ReadAsync(HttpRequest request, int maxBytes,
        IStringLocalizer<Messages> text, CancellationToken cancel)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancel)) > 0)
        {
            if (buffer.Length + read > maxBytes)
                return (null, Error("body", text["Definition.TooLarge", maxBytes / 1024]));
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
            return (null, Error("body", text["Definition.NotJson", e.Message]));
        }
        if (node is not JsonObject json)
            return (null, Error("body", text["Definition.NotObject"]));
        return (WorkflowDefinition.FromJson(json), null);
    }

    public static Dictionary<string, string[]> Error(string field, string message) => new(StringComparer.Ordinal) { [field] = [message] };
}
