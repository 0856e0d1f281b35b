using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using PublicServices.Catalog.Domain.Procedures;

namespace PublicServices.Catalog.Seed;

/// <summary>
/// Writes a procedure's form as JSON Schema 2020-12: an object of fields, each with "x-label" {vi, en}, and enums
/// with "x-enumLabels" {value: {vi, en}}. The shared field kinds (citizen id, phone, dates) carry the real formats.
/// </summary>
public sealed class FormSchemaBuilder
{
    /// <summary>Citizen identity card (CCCD) and personal identification numbers have 12 digits.</summary>
    public const string CitizenIdPattern = "^[0-9]{12}$";
    /// <summary>Vietnamese mobile and landline numbers, national or +84 form.</summary>
    public const string PhonePattern = @"^(0|\+84)[1-9][0-9]{8,9}$";
    /// <summary>Letters (any script, combining marks included), spaces, apostrophes, dots and hyphens.</summary>
    public const string PersonNamePattern = @"^\p{L}[\p{L}\p{M} .'-]*$";

    readonly JsonObject properties = [];
    readonly JsonArray required = [];
    readonly JsonObject dependentRequired = [];

    public FormSchemaBuilder Text(string name, string vi, string en, bool required = false, int minLength = 1, int maxLength = 200,
        string? pattern = null, string? format = null, string? defaultValue = null)
    {
        var field = Field(vi, en, "string");
        field["minLength"] = minLength;
        field["maxLength"] = maxLength;
        if (pattern is not null) field["pattern"] = pattern;
        if (format is not null) field["format"] = format;
        if (defaultValue is not null) field["default"] = defaultValue;
        return Add(name, field, required);
    }

    public FormSchemaBuilder PersonName(string name, string vi, string en, bool required = false) =>
        Text(name, vi, en, required, minLength: 2, maxLength: 100, pattern: PersonNamePattern);

    public FormSchemaBuilder CitizenId(string name, string vi, string en, bool required = false) =>
        Text(name, vi, en, required, minLength: 12, maxLength: 12, pattern: CitizenIdPattern);

    public FormSchemaBuilder Phone(string name, string vi, string en, bool required = false) =>
        Text(name, vi, en, required, minLength: 10, maxLength: 13, pattern: PhonePattern);

    public FormSchemaBuilder Email(string name, string vi, string en, bool required = false) =>
        Text(name, vi, en, required, minLength: 3, maxLength: 254, format: "email");

    public FormSchemaBuilder Date(string name, string vi, string en, bool required = false)
    {
        var field = Field(vi, en, "string");
        field["format"] = "date";
        return Add(name, field, required);
    }

    public FormSchemaBuilder WholeNumber(string name, string vi, string en, bool required = false, long minimum = 0, long? maximum = null,
        long? defaultValue = null)
    {
        var field = Field(vi, en, "integer");
        field["minimum"] = minimum;
        if (maximum is not null) field["maximum"] = maximum;
        if (defaultValue is not null) field["default"] = defaultValue;
        return Add(name, field, required);
    }

    /// <summary>A positive decimal quantity (area, height, capital), strictly above zero.</summary>
    public FormSchemaBuilder Positive(string name, string vi, string en, bool required = false, decimal? maximum = null, string? unit = null)
    {
        var field = Field(vi, en, "number");
        field["exclusiveMinimum"] = 0;
        if (maximum is not null) field["maximum"] = maximum;
        if (unit is not null) field["x-unit"] = unit;
        return Add(name, field, required);
    }

    /// <summary>A choice among fixed values, each labelled in both languages.</summary>
    public FormSchemaBuilder Choice(string name, string vi, string en, bool required, params (string Value, string Vi, string En)[] options) =>
        Add(name, ChoiceField(vi, en, "string", options.Select(o => (JsonValue.Create(o.Value), o.Value, o.Vi, o.En))), required);

    public FormSchemaBuilder IntegerChoice(string name, string vi, string en, bool required, params (int Value, string Vi, string En)[] options) =>
        Add(name, ChoiceField(vi, en, "integer", options.Select(o => (JsonValue.Create(o.Value), o.Value.ToString(CultureInfo.InvariantCulture), o.Vi, o.En))), required);

    /// <summary>When <paramref name="property"/> is filled in, the <paramref name="others"/> must be too.</summary>
    public FormSchemaBuilder WhenPresentRequire(string property, params string[] others)
    {
        dependentRequired[property] = new JsonArray([.. others.Select(o => (JsonNode)o)]);
        return this;
    }

    public string Build()
    {
        var schema = new JsonObject
        {
            ["$schema"] = FormSchemaRules.Dialect2020,
            ["type"] = "object",
            ["additionalProperties"] = false,
            ["properties"] = properties.DeepClone(),
            ["required"] = required.DeepClone(),
        };
        if (dependentRequired.Count > 0)
            schema["dependentRequired"] = dependentRequired.DeepClone();
        return FormSchemaRules.ToText(JsonSerializer.SerializeToElement(schema));
    }

    static JsonObject Field(string vi, string en, string type) => new()
    {
        ["type"] = type,
        ["title"] = vi,
        ["x-label"] = new JsonObject { ["vi"] = vi, ["en"] = en },
    };

    static JsonObject ChoiceField(string vi, string en, string type, IEnumerable<(JsonValue Value, string Key, string Vi, string En)> options)
    {
        var field = Field(vi, en, type);
        var values = new JsonArray();
        var labels = new JsonObject();
        foreach (var o in options)
        {
            values.Add(o.Value);
            labels[o.Key] = new JsonObject { ["vi"] = o.Vi, ["en"] = o.En };
        }
        field["enum"] = values;
        field["x-enumLabels"] = labels;
        return field;
    }

    FormSchemaBuilder Add(string name, JsonObject field, bool isRequired)
    {
        properties[name] = field;
        if (isRequired)
            required.Add(name);
        return this;
    }
}
