using System.Text.Json;
using Json.Schema;
using Microsoft.Extensions.Localization;
using PublicServices.Catalog.Resources;

namespace PublicServices.Catalog.Domain.Procedures;

/// <summary>
/// What a procedure's form schema must be: a JSON Schema that JsonSchema.Net can build and evaluate, describing an
/// object whose every property carries an "x-label" with vi and en text (the form shows it), whose "required" names
/// only existing properties, and whose enums have an "x-enumLabels" entry {vi, en} for each value.
/// </summary>
public static class FormSchemaRules
{
    public const int MaxLength = 256 * 1024;
    public const string Dialect2020 = "https://json-schema.org/draft/2020-12/schema";

    /// <summary>A problem found in a schema: where (under "formSchema") and what, in the caller's language.</summary>
    public sealed record Issue(string Path, string Message);

    public static List<Issue> Check(JsonElement schema, IStringLocalizer<Messages> text)
    {
        var issues = new List<Issue>();
        if (schema.ValueKind != JsonValueKind.Object)
        {
            issues.Add(new("", text["FormSchema.NotObject"]));
            return issues;
        }
        if (schema.GetRawText().Length > MaxLength)
        {
            issues.Add(new("", text["FormSchema.TooLong", MaxLength]));
            return issues;
        }
        if (schema.TryGetProperty("$schema", out var dialect) && (dialect.ValueKind != JsonValueKind.String || dialect.GetString() != Dialect2020))
        {
            issues.Add(new("$schema", text["FormSchema.Dialect", Dialect2020]));
            return issues;
        }
        if (Build(schema) is { } error)
        {
            issues.Add(new("", text["FormSchema.Invalid", error]));
            return issues;
        }
        if (!schema.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "object")
            issues.Add(new("type", text["FormSchema.TypeObject"]));
        if (!schema.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object
            || !properties.EnumerateObject().Any())
        {
            issues.Add(new("properties", text["FormSchema.NoFields"]));
            return issues;
        }
        foreach (var property in properties.EnumerateObject())
            CheckProperty(property, issues, text);
        if (schema.TryGetProperty("required", out var required))
            foreach (var name in required.EnumerateArray().Select(r => r.GetString()))
                if (name is null || !properties.TryGetProperty(name, out _))
                    issues.Add(new("required", text["FormSchema.RequiredUnknown", name ?? ""]));
        return issues;
    }

    static readonly JsonSerializerOptions storage = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// The schema as stored: compact, Vietnamese letters kept readable, and "$schema" always stated, so that any
    /// reader (the dossiers service, the browser) evaluates it as 2020-12 whatever its library's default.
    /// </summary>
    public static string ToText(JsonElement schema)
    {
        var node = JsonSerializer.SerializeToNode(schema)!.AsObject();
        if (!node.ContainsKey("$schema"))
            node.Insert(0, "$schema", Dialect2020);
        return node.ToJsonString(storage);
    }

    /// <summary>Builds the schema in a private registry (the global one would keep every schema ever checked).</summary>
    /// <remarks>
    /// A schema without "$schema" is read as 2020-12: JsonSchema.Net 8 otherwise assumes its "v1" dialect, which
    /// refuses unknown keywords such as x-label.
    /// </remarks>
    public static JsonSchema Compile(JsonElement schema) =>
        JsonSchema.Build(schema, new BuildOptions { SchemaRegistry = new SchemaRegistry(), Dialect = Dialect.Draft202012 });

    static string? Build(JsonElement schema)
    {
        try
        {
            // Evaluating once resolves references, which building alone leaves for later.
            Compile(schema).Evaluate(JsonSerializer.Deserialize<JsonElement>("{}"));
            return null;
        }
        catch (Exception e)
        {
            // The library reports a bad schema through several exception types (bad keyword values, bad regular
            // expressions, unresolvable references); any of them means the schema is unusable.
            return e.Message;
        }
    }

    static void CheckProperty(JsonProperty property, List<Issue> issues, IStringLocalizer<Messages> text)
    {
        var path = $"properties.{property.Name}";
        if (property.Value.ValueKind != JsonValueKind.Object)
            return;
        if (!HasBothLanguages(property.Value, "x-label"))
            issues.Add(new($"{path}.x-label", text["FormSchema.FieldLabel"]));
        if (property.Value.TryGetProperty("enum", out var values) && values.ValueKind == JsonValueKind.Array)
        {
            property.Value.TryGetProperty("x-enumLabels", out var labels);
            foreach (var value in values.EnumerateArray())
            {
                var key = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
                if (labels.ValueKind != JsonValueKind.Object || !HasBothLanguages(labels, key))
                    issues.Add(new($"{path}.x-enumLabels", text["FormSchema.EnumLabel", key]));
            }
        }
    }

    static bool HasBothLanguages(JsonElement owner, string name) =>
        owner.TryGetProperty(name, out var label) && label.ValueKind == JsonValueKind.Object
        && NonEmpty(label, "vi") && NonEmpty(label, "en");

    static bool NonEmpty(JsonElement label, string language) =>
        label.TryGetProperty(language, out var text) && text.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(text.GetString());
}
