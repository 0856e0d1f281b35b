using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Localization;
using PublicServices.Web.Resources;
using PublicServices.WebUi;

namespace PublicServices.Web.Domain;

/// <summary>The kinds of question a procedure's form schema asks, and how each is typed and stored.</summary>
public enum FieldKind { Text, LongText, Date, Email, Phone, PersonalId, WholeNumber, Number, Choice }

/// <summary>One question of a procedure's form, read from its JSON Schema property ("x-label", "x-enumLabels", "x-unit").</summary>
public sealed record FormQuestion(string Name, string LabelVi, string LabelEn, FieldKind Kind, bool Required, int? MaxLength,
    IReadOnlyList<(string Value, string Vi, string En)> Choices, bool IntegerValues, string? Unit, JsonElement? Default)
{
    public string Label => Display.Pick(LabelVi, LabelEn);
}

/// <summary>
/// The form of a procedure: its questions from the schema, the posted answers turned into the JSON the dossiers service
/// stores (dates as ISO, numbers as numbers, spaces removed from ID and phone numbers), and the answers shown back.
/// The schema's rules themselves are checked by the dossiers service (one validator, same messages as a submission);
/// here only what the browser sends as text is typed.
/// </summary>
public sealed class FormModel(IReadOnlyList<FormQuestion> questions)
{
    public IReadOnlyList<FormQuestion> Questions { get; } = questions;

    /// <summary>The dossiers service's field paths are "formData.&lt;name&gt;".</summary>
    public const string DataPrefix = "formData.";

    public static FormModel From(JsonElement schema)
    {
        var required = schema.TryGetProperty("required", out var r) && r.ValueKind == JsonValueKind.Array
            ? r.EnumerateArray().Select(x => x.GetString()).ToHashSet(StringComparer.Ordinal) : [];
        var questions = new List<FormQuestion>();
        if (!schema.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object)
            return new FormModel(questions);
        foreach (var p in properties.EnumerateObject())
        {
            var s = p.Value;
            var (vi, en) = s.TryGetProperty("x-label", out var l) ? (Text(l, "vi") ?? p.Name, Text(l, "en") ?? p.Name) : (Text(s, "title") ?? p.Name, Text(s, "title") ?? p.Name);
            var type = Text(s, "type");
            var format = Text(s, "format");
            var pattern = Text(s, "pattern");
            int? maxLength = s.TryGetProperty("maxLength", out var m) && m.TryGetInt32(out var ml) ? ml : null;
            var choices = new List<(string, string, string)>();
            if (s.TryGetProperty("enum", out var values))
            {
                var labels = s.TryGetProperty("x-enumLabels", out var el) ? el : default;
                foreach (var v in values.EnumerateArray())
                {
                    var key = v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText();
                    var label = labels.ValueKind == JsonValueKind.Object && labels.TryGetProperty(key, out var lv) ? lv : default;
                    choices.Add((key, label.ValueKind == JsonValueKind.Object ? Text(label, "vi") ?? key : key,
                        label.ValueKind == JsonValueKind.Object ? Text(label, "en") ?? key : key));
                }
            }
            var kind = choices.Count > 0 ? FieldKind.Choice
                : type == "integer" ? FieldKind.WholeNumber
                : type == "number" ? FieldKind.Number
                : format == "date" ? FieldKind.Date
                : format == "email" ? FieldKind.Email
                : pattern?.Contains("84", StringComparison.Ordinal) == true ? FieldKind.Phone
                : pattern == "^[0-9]{12}$" ? FieldKind.PersonalId
                : maxLength > 200 ? FieldKind.LongText
                : FieldKind.Text;
            questions.Add(new FormQuestion(p.Name, vi, en, kind, required.Contains(p.Name), maxLength, choices, type == "integer",
                Text(s, "x-unit"), s.TryGetProperty("default", out var d) ? d.Clone() : null));
        }
        return new FormModel(questions);
    }

    static string? Text(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// <summary>The answers as the inputs show them (what was stored, or the schema's default on a new form).</summary>
    public Dictionary<string, string> Values(JsonElement data, bool withDefaults)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var q in Questions)
        {
            JsonElement? v = data.ValueKind == JsonValueKind.Object && data.TryGetProperty(q.Name, out var found) ? found : withDefaults ? q.Default : null;
            if (v is not { } value || value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
                continue;
            values[q.Name] = value.ValueKind switch
            {
                JsonValueKind.String when q.Kind == FieldKind.Date => Display.IsoDate(value.GetString()!),
                JsonValueKind.String => value.GetString()!,
                _ => value.GetRawText(),
            };
        }
        return values;
    }

    /// <summary>An answer as the review page and the dossier show it: choices by their label, dates dd/MM/yyyy, numbers grouped.</summary>
    public string Shown(FormQuestion q, JsonElement data)
    {
        if (data.ValueKind != JsonValueKind.Object || !data.TryGetProperty(q.Name, out var v) || v.ValueKind == JsonValueKind.Null)
            return "";
        var raw = v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText();
        if (q.Kind == FieldKind.Choice)
            return q.Choices.FirstOrDefault(c => c.Value == raw) is { Value: not null } c ? Display.Pick(c.Vi, c.En) : raw;
        if (q.Kind == FieldKind.Date)
            return Display.IsoDate(raw);
        if (v.ValueKind == JsonValueKind.Number && v.TryGetDecimal(out var number))
            return q.Unit == "VND" ? Display.Money((long)number) : Display.Number(number) + (q.Unit is "m2" ? " m²" : "");
        return raw;
    }

    /// <summary>
    /// The posted answers as the JSON object the dossiers service stores, with a message for each answer that is not
    /// even of the right kind (a date that is not dd/mm/yyyy, a number with letters). Empty answers are left out.
    /// </summary>
    public (JsonObject Data, Dictionary<string, List<string>> Errors) Read(Func<string, string?> posted, IStringLocalizer<Messages> text)
    {
        var data = new JsonObject();
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var q in Questions)
        {
            var value = posted(q.Name)?.Trim();
            if (string.IsNullOrEmpty(value))
                continue;
            switch (q.Kind)
            {
                case FieldKind.Date:
                    if (DateOnly.TryParseExact(value, ["d/M/yyyy", "dd/MM/yyyy", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                        data[q.Name] = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                    else
                        errors[q.Name] = [text["Form.Date", q.Label]];
                    break;
                case FieldKind.WholeNumber:
                    if (long.TryParse(Digits(value), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
                        data[q.Name] = whole;
                    else
                        errors[q.Name] = [text["Form.WholeNumber", q.Label]];
                    break;
                case FieldKind.Number:
                    if (ReadDecimal(value, q.Unit) is { } number)
                        data[q.Name] = number;
                    else
                        errors[q.Name] = [text["Form.Number", q.Label]];
                    break;
                case FieldKind.Choice when q.IntegerValues:
                    if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var option))
                        data[q.Name] = option;
                    else
                        errors[q.Name] = [text["Form.Choice", q.Label]];
                    break;
                case FieldKind.PersonalId or FieldKind.Phone:
                    // People type them in groups ("0912 345 678"); the number is the digits (and a leading +).
                    var typed = new string([.. value.Where(c => !char.IsWhiteSpace(c) && c is not '.' and not '-')]);
                    data[q.Name] = typed;
                    // Say which count is wrong, in words a person can act on (the schema's message names characters).
                    var digits = typed.Count(char.IsAsciiDigit);
                    if (q.Kind == FieldKind.PersonalId && (digits != 12 || digits != typed.Length))
                        errors[q.Name] = [digits == typed.Length ? text["Form.PersonalIdDigits", q.Label, digits] : text["Form.DigitsOnly", q.Label]];
                    break;
                default:
                    data[q.Name] = value;
                    break;
            }
        }
        return (data, errors);
    }

    /// <summary>The posted values to show again when the form comes back with messages.</summary>
    public Dictionary<string, string> Posted(Func<string, string?> posted) =>
        Questions.Select(q => (q.Name, Value: posted(q.Name))).Where(x => x.Value is not null)
            .ToDictionary(x => x.Name, x => x.Value!, StringComparer.Ordinal);

    /// <summary>The question as the shared field partial renders it.</summary>
    public static FieldView View(FormQuestion q, IReadOnlyDictionary<string, string> values, IReadOnlyDictionary<string, List<string>> errors,
        IStringLocalizer<Messages> text)
    {
        var (type, hint, inputMode, autocomplete) = q.Kind switch
        {
            FieldKind.Date => ("text", text["Hint.Date"].Value, "numeric", null),
            FieldKind.Email => ("email", null, null, "email"),
            FieldKind.Phone => ("tel", text["Hint.Phone"].Value, "tel", "tel"),
            FieldKind.PersonalId => ("text", text["Hint.PersonalId"].Value, "numeric", "off"),
            FieldKind.WholeNumber => ("text", null, "numeric", null),
            FieldKind.Number => ("text", q.Unit == "VND" ? text["Hint.Money"].Value : null, "decimal", null),
            FieldKind.LongText => ("textarea", null, null, null),
            _ => ("text", null, null, null),
        };
        return new FieldView(q.Name, q.Label, type, values.GetValueOrDefault(q.Name), hint, autocomplete, inputMode, q.Required,
            q.Kind == FieldKind.Choice ? [.. q.Choices.Select(c => new Choice(c.Value, Display.Pick(c.Vi, c.En)))] : null,
            errors.TryGetValue(q.Name, out var e) ? e : null,
            // People type ID and phone numbers in groups: a length limit on the input would cut the digits off.
            q.Kind is FieldKind.PersonalId or FieldKind.Phone ? null : q.MaxLength);
    }

    static string Digits(string value) => new([.. value.Where(c => !char.IsWhiteSpace(c) && c != '.' && c != ',')]);

    /// <summary>"120,5" and "120.5" are both 120.5; money ("500.000.000") has dots between thousands only.</summary>
    static decimal? ReadDecimal(string value, string? unit)
    {
        var compact = new string([.. value.Where(c => !char.IsWhiteSpace(c))]);
        if (unit == "VND")
            compact = compact.Replace(".", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal);
        else if (compact.Contains(',', StringComparison.Ordinal))
            compact = compact.Replace(".", "", StringComparison.Ordinal).Replace(',', '.');
        return decimal.TryParse(compact, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d) ? d : null;
    }
}
