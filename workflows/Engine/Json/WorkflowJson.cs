using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PublicServices.WorkflowEngine.Json;

/// <summary>
/// How the runtime writes JSON into text columns and effect payloads: web naming, compact, Vietnamese letters kept
/// as they are (the text is returned as JSON, never placed into HTML, so relaxed escaping is safe and shorter).
/// </summary>
public static class WorkflowJson
{
    /// <summary>The serializer options used for every stored JSON text.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    internal static readonly JsonSerializerOptions Indented = new(Options) { WriteIndented = true };

    internal static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    internal static T Read<T>(string text) => JsonSerializer.Deserialize<T>(text, Options)!;

    internal static string Write(JsonNode? node) => node?.ToJsonString(Options) ?? "null";

    internal static JsonObject ParseObject(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : JsonNode.Parse(text) as JsonObject ?? [];

    /// <summary>
    /// Forces every lazily parsed JsonObject/JsonArray below <paramref name="node"/> to build its contents, so that
    /// the tree can then be read from several threads at once (a cached definition is shared by all bursts).
    /// </summary>
    internal static void Materialize(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (_, child) in o) Materialize(child);
                break;
            case JsonArray a:
                foreach (var child in a) Materialize(child);
                break;
        }
    }
}
