using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace PublicServices.Bench;

/// <summary>
/// Builds a valid sample of a procedure's form from its JSON Schema (the types, enums, formats and bounds the
/// catalog's forms use), so the submission load needs no hand-written form per procedure. BENCH_SubmitForm overrides it.
/// </summary>
public static class SchemaSample
{
    public static JsonNode? For(JsonNode? schema)
    {
        if (schema is not JsonObject s)
            return "x";
        if (s["const"] is { } c) return c.DeepClone();
        if (s["default"] is { } d) return d.DeepClone();
        if (s["examples"] is JsonArray { Count: > 0 } ex) return ex[0]!.DeepClone();
        if (s["enum"] is JsonArray { Count: > 0 } en) return en[0]!.DeepClone();
        if (s["oneOf"] is JsonArray { Count: > 0 } one) return For(one[0]);
        if (s["anyOf"] is JsonArray { Count: > 0 } any) return For(any[0]);
        var type = s["type"] switch
        {
            JsonArray types => types.Select(t => t!.GetValue<string>()).FirstOrDefault(t => t != "null") ?? "null",
            JsonValue v => v.GetValue<string>(),
            _ => s["properties"] is not null ? "object" : "string",
        };
        return type switch
        {
            "object" => Object(s),
            "array" => Array(s),
            "integer" => Number(s, integer: true),
            "number" => Number(s, integer: false),
            "boolean" => true,
            "null" => null,
            _ => Text(s),
        };
    }

    static JsonObject Object(JsonObject s)
    {
        var result = new JsonObject();
        if (s["properties"] is JsonObject props)
            foreach (var (name, prop) in props)
                result[name] = For(prop);
        return result;
    }

    static JsonArray Array(JsonObject s)
    {
        var count = Math.Max(1, s["minItems"]?.GetValue<int>() ?? 1);
        var result = new JsonArray();
        for (var i = 0; i < count; i++)
            result.Add(For(s["items"]));
        return result;
    }

    static JsonNode Number(JsonObject s, bool integer)
    {
        var min = s["minimum"]?.GetValue<double>() ?? (s["exclusiveMinimum"]?.GetValue<double>() + 1) ?? 1;
        var max = s["maximum"]?.GetValue<double>() ?? double.MaxValue;
        var value = Math.Min(Math.Max(min, 1), max);
        return integer ? JsonValue.Create((long)Math.Ceiling(value)) : JsonValue.Create(value);
    }

    // Values that fit the usual Vietnamese form fields (names, 12-digit personal ids, phone numbers, addresses).
    static readonly string[] Candidates =
        ["Nguyễn Văn An", "001090012345", "0912345678", "Số 1 đường Nguyễn Văn Linh, phường Phố Hiến, tỉnh Hưng Yên",
         "bench@example.com", "Việt Nam", "ABC123", "12345"];

    static JsonNode Text(JsonObject s)
    {
        var min = s["minLength"]?.GetValue<int>() ?? 0;
        var max = s["maxLength"]?.GetValue<int>() ?? int.MaxValue;
        var format = s["format"]?.GetValue<string>();
        var pattern = s["pattern"]?.GetValue<string>();
        string[] preferred = format switch
        {
            "date" => ["1990-01-15"],
            "date-time" => ["2025-01-15T08:00:00+07:00"],
            "email" => ["bench@example.com"],
            "uri" => ["https://example.com/"],
            _ => Candidates,
        };
        foreach (var value in preferred)
            if (value.Length >= min && value.Length <= max && (pattern is null || Regex.IsMatch(value, pattern)))
                return value;
        var text = preferred[0].PadRight(min, 'x');
        return text.Length > max ? text[..max] : text;
    }
}
