using System.Text.Json.Nodes;
using PublicServices.WorkflowEngine.Json;

namespace PublicServices.WorkflowEngine.Definitions;

/// <summary>
/// One activity of a flowchart, read from its Elsa 3 JSON. The JSON object itself is kept untouched (designer
/// metadata, custom properties and unknown inputs survive an export); inputs are parsed once here.
/// </summary>
public sealed class ActivityNode
{
    static readonly HashSet<string> NotInputs = new(StringComparer.OrdinalIgnoreCase)
    {
        "id", "nodeId", "name", "type", "version", "customProperties", "metadata", "canStartWorkflow", "runAsynchronously",
    };

    readonly Dictionary<string, InputExpression> inputs = new(StringComparer.OrdinalIgnoreCase);

    internal ActivityNode(JsonObject json)
    {
        Json = json;
        Id = Text(json["id"]) ?? "";
        Type = Text(json["type"]) ?? "";
        Name = Text(json["name"]);
        foreach (var (key, value) in json)
            if (!NotInputs.Contains(key) && InputExpression.From(value) is { } input)
                inputs[key] = input;
    }

    /// <summary>The activity's JSON as loaded.</summary>
    public JsonObject Json { get; }
    /// <summary>Unique id within the flowchart; connections refer to it.</summary>
    public string Id { get; }
    /// <summary>Activity type name, e.g. "Elsa.FlowDecision" or "PublicServices.HumanTask".</summary>
    public string Type { get; }
    /// <summary>Display name, when given.</summary>
    public string? Name { get; }

    /// <summary>Every input the node sets, by name.</summary>
    public IReadOnlyDictionary<string, InputExpression> Inputs => inputs;

    /// <summary>The named input (case-insensitive), or null when the activity does not set it.</summary>
    public InputExpression? Input(string name) => inputs.GetValueOrDefault(name);

    /// <summary>True when the input is missing, or a literal that is blank (an expression is only known when it runs).</summary>
    public bool LacksText(string name) =>
        Input(name) is not { } input || (input.Type == InputExpression.Literal && string.IsNullOrWhiteSpace(ValueConvert.ToText(input.Value)));

    /// <summary>A literal input's text (JSON string or the text of a number/boolean), or null.</summary>
    public string? LiteralText(string name) => Input(name) is { Type: InputExpression.Literal, Value: JsonValue v }
        ? v.TryGetValue<string>(out var s) ? s : v.ToJsonString()
        : null;

    /// <summary>
    /// A literal list input: a JSON array, a JSON array written as text (Elsa's "String[]" literal), or
    /// comma-separated text. Null when the input is missing or not literal.
    /// </summary>
    public IReadOnlyList<string>? LiteralList(string name)
    {
        var input = Input(name);
        if (input is null || input.Type != InputExpression.Literal) return null;
        return ValueConvert.ToStringList(input.Value);
    }

    static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
