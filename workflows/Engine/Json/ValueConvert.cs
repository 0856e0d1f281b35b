using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PublicServices.WorkflowEngine.Json;

/// <summary>
/// Turns evaluated input values into .NET values. Elsa writes most literals as text ("true", "1.5",
/// "[\"a\",\"b\"]"), scripts return JSON numbers and booleans: both shapes are accepted.
/// </summary>
public static class ValueConvert
{
    /// <summary>JavaScript-like truthiness; "true"/"false" text is parsed.</summary>
    public static bool ToBoolean(JsonNode? node) => node?.GetValueKind() switch
    {
        null or JsonValueKind.Null or JsonValueKind.False => false,
        JsonValueKind.True => true,
        JsonValueKind.String => node.GetValue<string>() is var s && (bool.TryParse(s.Trim(), out var b) ? b : s.Length > 0),
        JsonValueKind.Number => ToDecimal(node) is not 0,
        _ => true,
    };

    /// <summary>A number, or null when the value is missing or not a number.</summary>
    /// <remarks>Read through the JSON text: a JsonValue only converts to the exact .NET type it was built from.</remarks>
    public static decimal? ToDecimal(JsonNode? node) => node?.GetValueKind() switch
    {
        JsonValueKind.Number => decimal.TryParse(node.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var m) ? m : null,
        JsonValueKind.String => decimal.TryParse(node.GetValue<string>().Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var m) ? m : null,
        _ => null,
    };

    /// <summary>Text of a value: strings as they are, other values as JSON; null for null.</summary>
    public static string? ToText(JsonNode? node) => node?.GetValueKind() switch
    {
        null or JsonValueKind.Null => null,
        JsonValueKind.String => node.GetValue<string>(),
        _ => node.ToJsonString(WorkflowJson.Options),
    };

    /// <summary>A list of strings from an array, an array written as JSON text, or comma-separated text.</summary>
    public static IReadOnlyList<string> ToStringList(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return [];
            case JsonArray a:
                return [.. a.Select(ToText).Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!.Trim())];
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                var s = v.GetValue<string>().Trim();
                if (s.StartsWith('['))
                {
                    try { return ToStringList(JsonNode.Parse(s)); }
                    catch (JsonException) { }
                }
                return [.. s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
            default:
                return [ToText(node)!];
        }
    }

    /// <summary>
    /// A duration: "hh:mm:ss" / "d.hh:mm:ss" text, an ISO 8601 duration ("PT5M"), or a number of milliseconds.
    /// </summary>
    public static TimeSpan? ToTimeSpan(JsonNode? node)
    {
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.String)
        {
            var s = v.GetValue<string>().Trim();
            if (TimeSpan.TryParse(s, CultureInfo.InvariantCulture, out var t)) return t;
            try { return System.Xml.XmlConvert.ToTimeSpan(s); }
            catch (FormatException) { }
            return decimal.TryParse(s, NumberStyles.Number, CultureInfo.InvariantCulture, out var ms) ? TimeSpan.FromMilliseconds((double)ms) : null;
        }
        return ToDecimal(node) is { } n ? TimeSpan.FromMilliseconds((double)n) : null;
    }

    /// <summary>
    /// A value converted to an Elsa variable type: text becomes a number or boolean for numeric and Boolean types,
    /// and JSON text becomes an object or array for other non-string types. Values of other shapes pass through.
    /// </summary>
    public static JsonNode? ToType(JsonNode? value, string? typeName)
    {
        if (value is not JsonValue v || v.GetValueKind() != JsonValueKind.String) return value;
        var text = v.GetValue<string>();
        return typeName?.ToLowerInvariant() switch
        {
            "int16" or "int32" or "int64" or "decimal" or "double" or "single" or "number" => ToDecimal(v) is { } n ? JsonValue.Create(n) : null,
            "boolean" => JsonValue.Create(ToBoolean(v)),
            "string" or "object" or null => value,
            _ => TryParse(text) ?? value,
        };
    }

    /// <summary>A JSON object from an object or from JSON text; null otherwise.</summary>
    public static JsonObject? ToObject(JsonNode? node) => node switch
    {
        JsonObject o => o,
        JsonValue v when v.GetValueKind() == JsonValueKind.String && v.GetValue<string>().TrimStart().StartsWith('{') => TryParse(v.GetValue<string>()) as JsonObject,
        _ => null,
    };

    static JsonNode? TryParse(string s)
    {
        try { return JsonNode.Parse(s); }
        catch (JsonException) { return null; }
    }
}
