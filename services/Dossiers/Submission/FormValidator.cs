using System.Globalization;
using System.Text.Json;
using Json.Schema;
using PublicServices.ServiceDefaults;

namespace PublicServices.Dossiers.Submission;

/// <summary>
/// Checks form data against the procedure's JSON Schema and turns each failure into a field error keyed by its
/// path ("formData.childName", "formData.children[0].name") with a message in the caller's language, built from
/// the failing keyword and the field's "x-label" {vi, en}. JsonSchema.Net's own messages are English only.
/// </summary>
public static class FormValidator
{
    public const string Root = "formData";

    // Most forms are valid: a yes/no evaluation stops early and builds no result tree; only a refused form is
    // evaluated again with the details its messages need.
    static readonly EvaluationOptions verdict = new() { OutputFormat = OutputFormat.Flag, RequireFormatValidation = true };
    static readonly EvaluationOptions evaluation = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };

    public static Dictionary<string, List<string>> Validate(CompiledForm form, JsonElement data)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
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
                            Messages.Required(Label(PropertySchema(form.Raw, node, missing), missing)));
                    continue;
                }
                var label = Label(node, instance.Count > 0 ? instance[^1] : null);
                Add(errors, FieldPath(instance), Messages.For(keyword, node, label, detail.EvaluationPath.ToString()));
            }
        }
        return errors;
    }

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
        pointer.TrimStart('/').Split('/').Select(s => s.Replace("~1", "/").Replace("~0", "~")).ToList();

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
    static string Label(JsonElement? schema, string? name)
    {
        if (schema is { ValueKind: JsonValueKind.Object } s)
        {
            if (s.TryGetProperty("x-label", out var label) && label.ValueKind == JsonValueKind.Object)
            {
                var texts = label.TryGetProperty("title", out var title) && title.ValueKind == JsonValueKind.Object ? title : label;
                var vi = Text(texts, "vi");
                var en = Text(texts, "en");
                if (vi is not null || en is not null)
                    return Problems.Text(vi ?? en!, en ?? vi!);
            }
            if (s.TryGetProperty("title", out var plain) && plain.ValueKind == JsonValueKind.String)
                return plain.GetString()!;
        }
        return name ?? Problems.Text("Biểu mẫu", "The form");
    }

    static string? Text(JsonElement texts, string language) =>
        texts.TryGetProperty(language, out var t) && t.ValueKind == JsonValueKind.String && t.GetString() is { Length: > 0 } s ? s : null;

    /// <summary>Messages per keyword, Vietnamese first; limits are read from the schema so the message can name them.</summary>
    static class Messages
    {
        public static string Required(string label) => Problems.Text($"{label} là thông tin bắt buộc.", $"{label} is required.");

        public static string For(string keyword, JsonElement? schema, string label, string evaluationPath)
        {
            var limit = Limit(schema, keyword);
            return keyword switch
            {
                "type" => Problems.Text($"{label} phải là {TypeName(schema, vi: true)}.", $"{label} must be {TypeName(schema, vi: false)}."),
                "minLength" => Problems.Text($"{label} phải có ít nhất {limit} ký tự.", $"{label} must be at least {limit} characters long."),
                "maxLength" => Problems.Text($"{label} không được dài quá {limit} ký tự.", $"{label} must be at most {limit} characters long."),
                "pattern" => Problems.Text($"{label} không đúng định dạng.", $"{label} is not in the expected format."),
                "format" => Problems.Text($"{label} không phải là {FormatName(limit, vi: true)} hợp lệ.", $"{label} is not a valid {FormatName(limit, vi: false)}."),
                "minimum" => Problems.Text($"{label} phải lớn hơn hoặc bằng {limit}.", $"{label} must be at least {limit}."),
                "maximum" => Problems.Text($"{label} phải nhỏ hơn hoặc bằng {limit}.", $"{label} must be at most {limit}."),
                "exclusiveMinimum" => Problems.Text($"{label} phải lớn hơn {limit}.", $"{label} must be greater than {limit}."),
                "exclusiveMaximum" => Problems.Text($"{label} phải nhỏ hơn {limit}.", $"{label} must be less than {limit}."),
                "multipleOf" => Problems.Text($"{label} phải là bội số của {limit}.", $"{label} must be a multiple of {limit}."),
                "enum" or "const" => Problems.Text($"{label} phải là một trong các giá trị cho phép.", $"{label} must be one of the allowed values."),
                "minItems" => Problems.Text($"{label} phải có ít nhất {limit} mục.", $"{label} must have at least {limit} items."),
                "maxItems" => Problems.Text($"{label} không được có quá {limit} mục.", $"{label} must have at most {limit} items."),
                "uniqueItems" => Problems.Text($"{label} không được có mục trùng nhau.", $"{label} must not repeat an item."),
                // A false schema: in forms that is "additionalProperties": false, a field the form does not have.
                "" when evaluationPath.EndsWith("additionalProperties", StringComparison.Ordinal) =>
                    Problems.Text($"{label} không thuộc biểu mẫu này.", $"{label} is not a field of this form."),
                _ => Problems.Text($"{label} không hợp lệ.", $"{label} is not valid."),
            };
        }

        static string Limit(JsonElement? schema, string keyword) =>
            schema is { ValueKind: JsonValueKind.Object } s && s.TryGetProperty(keyword, out var v)
                ? v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText()
                : "";

        static string TypeName(JsonElement? schema, bool vi)
        {
            var names = schema is { ValueKind: JsonValueKind.Object } s && s.TryGetProperty("type", out var t)
                ? t.ValueKind == JsonValueKind.Array ? t.EnumerateArray().Select(x => x.GetString() ?? "").ToList() : [t.GetString() ?? ""]
                : [];
            return string.Join(vi ? " hoặc " : " or ", names.Select(n => (n, vi) switch
            {
                ("string", true) => "chuỗi ký tự",
                ("string", false) => "text",
                ("integer", true) => "số nguyên",
                ("integer", false) => "a whole number",
                ("number", true) => "số",
                ("number", false) => "a number",
                ("boolean", true) => "giá trị có/không",
                ("boolean", false) => "yes or no",
                ("object", true) => "một nhóm thông tin",
                ("object", false) => "a group of fields",
                ("array", true) => "một danh sách",
                ("array", false) => "a list",
                ("null", true) => "để trống",
                ("null", false) => "empty",
                _ => n,
            }));
        }

        static string FormatName(string format, bool vi) => (format, vi) switch
        {
            ("date", true) => "ngày (yyyy-mm-dd)",
            ("date", false) => "date (yyyy-mm-dd)",
            ("date-time", true) => "ngày giờ",
            ("date-time", false) => "date and time",
            ("time", true) => "giờ",
            ("time", false) => "time",
            ("email", true) => "địa chỉ email",
            ("email", false) => "email address",
            ("uri", true) => "địa chỉ web",
            ("uri", false) => "web address",
            (_, true) => $"giá trị dạng {format}",
            (_, false) => $"{format} value",
        };
    }
}
