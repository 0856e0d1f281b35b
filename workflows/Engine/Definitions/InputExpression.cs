using System.Text.Json.Nodes;

namespace PublicServices.WorkflowEngine.Definitions;

/// <summary>
/// One activity input as Elsa 3 writes it: <c>{"typeName": "Boolean", "expression": {"type": "JavaScript",
/// "value": "..."}}</c>. A plain JSON value (hand-written definitions) is read as a literal.
/// </summary>
/// <param name="Type">Expression type: <see cref="Literal"/>, <see cref="JavaScript"/> or <see cref="Variable"/>.</param>
/// <param name="Value">The literal value, the script text, or the variable reference.</param>
/// <param name="TypeName">Elsa's declared type of the input (e.g. "Boolean", "String[]"), when given.</param>
public sealed record InputExpression(string Type, JsonNode? Value, string? TypeName)
{
    /// <summary>The value is used as written (Elsa writes most literals as text, e.g. "true" or "1.5").</summary>
    public const string Literal = "Literal";
    /// <summary>The value is a script evaluated by Jint.</summary>
    public const string JavaScript = "JavaScript";
    /// <summary>The value names a workflow variable (by name, or <c>{"id": ...}</c> / <c>{"name": ...}</c>).</summary>
    public const string Variable = "Variable";

    /// <summary>Reads an input node; null when the node is null.</summary>
    public static InputExpression? From(JsonNode? node)
    {
        if (node is null) return null;
        if (node is JsonObject o && o["expression"] is JsonObject e && e["type"] is JsonValue t && t.TryGetValue<string>(out var type))
            return new InputExpression(type, e["value"], o["typeName"] is JsonValue tn && tn.TryGetValue<string>(out var s) ? s : null);
        return new InputExpression(Literal, node, null);
    }

    /// <summary>The literal value as text (for literals written as JSON strings), else null.</summary>
    public string? LiteralText => Type == Literal && Value is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
