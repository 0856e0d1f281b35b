using System.Text.Json.Nodes;
using PublicServices.WorkflowEngine.Definitions;
using PublicServices.WorkflowEngine.Execution;
using PublicServices.WorkflowEngine.Json;

namespace PublicServices.WorkflowEngine.Activities;

/// <summary>
/// <c>Elsa.SetVariable</c>: sets <c>variable</c> (Elsa writes <c>{"id", "name", …}</c>; a plain name works too)
/// to <c>value</c>.
/// </summary>
public sealed class SetVariable : WorkflowActivity
{
    /// <inheritdoc />
    public override string Type => "Elsa.SetVariable";

    /// <inheritdoc />
    public override IEnumerable<ValidationProblem> Validate(ActivityNode node)
    {
        if (string.IsNullOrWhiteSpace(Name(node)))
            yield return Problem(node, "SetVariable.NoVariable");
    }

    /// <inheritdoc />
    public override ActivityResult Execute(ActivityContext context)
    {
        var name = Name(context.Activity) ?? throw new InvalidOperationException($"SetVariable '{context.Activity.Id}' names no variable.");
        var value = ValueConvert.ToType(context.Evaluate("value"), TypeName(context));
        context.SetVariable(name, value);
        context.Record("variable", name);
        return ActivityResult.Done;
    }

    // Elsa converts the value to the variable's declared type (a literal "true" into a Boolean variable is true).
    static string? TypeName(ActivityContext context)
    {
        if (context.Activity.Json["variable"] is JsonObject o && ValueConvert.ToText(o["typeName"]) is { } declared) return declared;
        return Name(context.Activity) is { } name ? context.VariableTypeName(name) : null;
    }

    // The variable reference is not an expression: it is the object itself (or a name).
    static string? Name(ActivityNode node) => node.Json["variable"] switch
    {
        JsonObject o => ValueConvert.ToText(o["name"]) ?? ValueConvert.ToText(o["id"]),
        JsonValue v => ValueConvert.ToText(v),
        _ => null,
    };
}
