using System.Text.Json.Nodes;

namespace PublicServices.WorkflowEngine.Json;

/// <summary>User-facing text in Vietnamese and English.</summary>
public sealed record LocalizedText(string Vi, string En)
{
    /// <summary>Reads <c>{"vi": "...", "en": "..."}</c> (either may be missing) or plain text used for both.</summary>
    public static LocalizedText? From(JsonNode? node)
    {
        if (ValueConvert.ToObject(node) is { } o)
        {
            var vi = ValueConvert.ToText(o["vi"]);
            var en = ValueConvert.ToText(o["en"]);
            return vi is null && en is null ? null : new LocalizedText(vi ?? en!, en ?? vi!);
        }
        return ValueConvert.ToText(node) is { Length: > 0 } text ? new LocalizedText(text, text) : null;
    }
}
