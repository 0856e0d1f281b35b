using System.Globalization;
using System.Text.Json;
using Json.Schema;
using Microsoft.Extensions.Localization;
using PublicServices.Dossiers.Resources;
using PublicServices.ServiceDefaults;

namespace PublicServices.Dossiers.Domain.Submission;

/// <summary>
/// Checks form data against the procedure's JSON Schema and turns each failure into a field error keyed by its
/// path ("formData.childName", "formData.children[0].name") with a message in the caller's language, built from
/// the failing keyword (resources <c>Form.*</c>) and the field's "x-label" {vi, en}. JsonSchema.Net's own messages are
/// English only.
/// </summary>
public static class FormValidator
{
    public const string Root = "formData";

    // Most forms are valid: a yes/no evaluation stops early and builds no result tree; only a refused form is
    // evaluated again with the details its messages need.
    static readonly EvaluationOptions verdict = new() { OutputFormat = OutputFormat.Flag, RequireFormatValidation = true };
    static readonly EvaluationOptions evaluation = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };

    public static Dictionary<string, List<string>> Validate(CompiledForm form, JsonElement data, IStringLocalizer<Messages> text)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        // Text a person typed holds no control characters (line breaks and tabs aside), whatever the schema allows.
        foreach (var field in ControlCharacterFields(data, []))
            Add(errors, FieldPath(field), text["Form.ControlCharacters"]);
        if (form.Schema.Evaluate(data, verdict).IsValid)
            return errors;
        var result = form.Schema.Evaluate(data, evaluation);
        if (result.IsValid)
            return errors;
        foreach (var detail in result.Details ?? [])
        {
            if (detail.Errors is not { Count: > 0 })
                continue;
            var instance = Segments(detail.InstanceLocation.ToString());
            var node = SchemaAt(form.Raw, detail.SchemaLocation, instance);
            foreach (var keyword in detail.Errors.Keys)
            {
                if (keyword == "required")
                {
                    // The error sits on the parent object; name each missing field instead.
                    foreach (var missing in MissingProperties(node, data, instance))
                        Add(errors, FieldPath([.. instance, missing]),
                            text["Form.Required", Label(PropertySchema(form.Raw, node, missing), missing, text)]);
                    continue;
                }
                var label = Label(node, instance.Count > 0 ? instance[^1] : null, text);
                Add(errors, FieldPath(instance), Message(keyword, node, label, detail.EvaluationPath.ToString(), text));
            }
        }
        return errors;
    }

    static IEnumerable<List<string>> ControlCharacterFields(JsonElement value, List<string> at) => value.ValueKind switch
    {
        JsonValueKind.String when value.GetString()!.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')) => [at],
        JsonValueKind.Object => value.EnumerateObject().SelectMany(p => ControlCharacterFields(p.Value, [.. at, p.Name])),
        JsonValueKind.Array => value.EnumerateArray().SelectMany((item, i) => ControlCharacterFields(item, [.. at, i.ToString(System.Globalization.CultureInfo.InvariantCulture)])),
        _ => [],
    };

    static void Add(Dictionary<string, List<string>> errors, string field, string message)
    {
        if (!errors.TryGetValue(field, out var list))
            errors[field] = list = [];
        if (!list.Contains(message))
            list.Add(message);
    }

    /// <summary>"formData" followed by ".name" for properties and "[i]" for array items.</summary>
    public static string FieldPath(IEnumerable<string> segments)
    {
        var path = new System.Text.StringBuilder(Root);
        foreach (var s in segments)
            path.Append(s.Length > 0 && s.All(char.IsAsciiDigit) ? $"[{s}]" : "." + s);
        return path.ToString();
    }

    static List<string> Segments(string pointer) => pointer.Length == 0 ? [] :
        pointer.TrimStart('/').Split('/').Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToList();

    /// <summary>
    /// The schema object that failed. The reported schema location is used when it resolves inside our document;
    /// otherwise (it can be off for "items") the schema is found by walking the instance path.
    /// </summary>
    static JsonElement? SchemaAt(JsonElement root, Uri? location, List<string> instance)
    {
        if (location is not null && location.Fragment.StartsWith("#/", StringComparison.Ordinal)
            && Resolve(root, Segments(Uri.UnescapeDataString(location.Fragment[1..]))) is { } byLocation)
            return byLocation;
        if (location is not null && location.Fragment is "" or "#" && instance.Count == 0)
            return root;
        JsonElement? node = root;
        foreach (var segment in instance)
        {
            node = Deref(root, node);
            if (node is not { ValueKind: JsonValueKind.Object } n)
                return null;
            if (n.TryGetProperty("properties", out var props) && props.ValueKind == JsonValueKind.Object && props.TryGetProperty(segment, out var p))
                node = p;
            else if (segment.All(char.IsAsciiDigit) && n.TryGetProperty("items", out var items))
                node = items;
            else if (n.TryGetProperty("additionalProperties", out var additional) && additional.ValueKind == JsonValueKind.Object)
                node = additional;
            else
                return null;
        }
        return Deref(root, node);
    }

    static JsonElement? Resolve(JsonElement root, List<string> pointer)
    {
        var node = root;
        foreach (var segment in pointer)
        {
            if (node.ValueKind == JsonValueKind.Object && node.TryGetProperty(segment, out var next))
                node = next;
            else if (node.ValueKind == JsonValueKind.Array && int.TryParse(segment, CultureInfo.InvariantCulture, out var i) && i < node.GetArrayLength())
                node = node[i];
            else
                return null;
        }
        return node;
    }

    /// <summary>Follows local "$ref"s ("#/$defs/address"); remote references are not used by procedure forms.</summary>
    static JsonElement? Deref(JsonElement root, JsonElement? node)
    {
        for (var hops = 0; hops < 10 && node is { ValueKind: JsonValueKind.Object } n && n.TryGetProperty("$ref", out var r)
            && r.GetString() is { } reference && reference.StartsWith("#", StringComparison.Ordinal); hops++)
            node = Resolve(root, Segments(Uri.UnescapeDataString(reference[1..])));
        return node;
    }

    static JsonElement? PropertySchema(JsonElement root, JsonElement? parent, string name) =>
        Deref(root, parent) is { ValueKind: JsonValueKind.Object } p && p.TryGetProperty("properties", out var props)
            && props.ValueKind == JsonValueKind.Object && props.TryGetProperty(name, out var s) ? Deref(root, s) : null;

    static IEnumerable<string> MissingProperties(JsonElement? schema, JsonElement data, List<string> instance)
    {
        if (schema is not { ValueKind: JsonValueKind.Object } s || !s.TryGetProperty("required", out var required) || required.ValueKind != JsonValueKind.Array)
            return [];
        var target = Resolve(data, instance);
        return required.EnumerateArray().Select(r => r.GetString()).OfType<string>()
            .Where(name => target is not { ValueKind: JsonValueKind.Object } t || !t.TryGetProperty(name, out _));
    }

    /// <summary>The field's "x-label" in the caller's language, else its "title", else its name.</summary>
    static string Label(JsonElement? schema, string? name, IStringLocalizer<Messages> text)
    {
        if (schema is { ValueKind: JsonValueKind.Object } s)
        {
            if (s.TryGetProperty("x-label", out var label) && label.ValueKind == JsonValueKind.Object)
            {
                var texts = label.TryGetProperty("title", out var title) && title.ValueKind == JsonValueKind.Object ? title : label;
                var vi = Text(texts, "vi");
                var en = Text(texts, "en");
                if (vi is not null || en is not null)
                    return Languages.Pick(vi, en);
            }
            if (s.TryGetProperty("title", out var plain) && plain.ValueKind == JsonValueKind.String)
                return plain.GetString()!;
        }
        return name ?? text["Form.Name"];
    }

    static string? Text(JsonElement texts, string language) =>
        texts.TryGetProperty(language, out var t) && t.ValueKind == JsonValueKind.String && t.GetString() is { Length: > 0 } s ? s : null;

    /// <summary>The message of a failed keyword; limits are read from the schema so the message can name them.</summary>
    static string Message(string keyword, JsonElement? schema, string label, string evaluationPath, IStringLocalizer<Messages> text)
    {
        var limit = Limit(schema, keyword);
        return keyword switch
        {
            "type" => text["Form.type", label, TypeName(schema, text)],
            "format" => text["Form.format", label, FormatName(limit, text)],
            "minLength" or "maxLength" or "minimum" or "maximum" or "exclusiveMinimum" or "exclusiveMaximum" or "multipleOf" or "minItems"
                or "maxItems" or "pattern" or "uniqueItems" => text["Form." + keyword, label, limit],
            "enum" or "const" => text["Form.enum", label],
            // A false schema: in forms that is "additionalProperties": false, a field the form does not have.
            "" when evaluationPath.EndsWith("additionalProperties", StringComparison.Ordinal) => text["Form.NotAField", label],
            _ => text["Form.Invalid", label],
        };
    }

    static string Limit(JsonElement? schema, string keyword) =>
        schema is { ValueKind: JsonValueKind.Object } s && s.TryGetProperty(keyword, out var v)
            ? v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText()
            : "";

    static string TypeName(JsonElement? schema, IStringLocalizer<Messages> text)
    {
        var names = schema is { ValueKind: JsonValueKind.Object } s && s.TryGetProperty("type", out var t)
            ? t.ValueKind == JsonValueKind.Array ? t.EnumerateArray().Select(x => x.GetString() ?? "").ToList() : [t.GetString() ?? ""]
            : [];
        return string.Join(text["Form.Or"], names.Select(n => text["Form.Type." + n] is { ResourceNotFound: false } name ? name.Value : n));
    }

    static string FormatName(string format, IStringLocalizer<Messages> text) =>
        text["Form.Format." + format] is { ResourceNotFound: false } name ? name.Value : text["Form.Format.Other", format];
}
