using System.Text.Json.Nodes;

namespace PublicServices.WorkflowEngine.Expressions;

/// <summary>What an expression can see and change while an activity runs.</summary>
public interface IExpressionScope
{
    /// <summary>A workflow variable by name (or Elsa variable id); null when unset.</summary>
    JsonNode? GetVariable(string name);

    /// <summary>Sets a workflow variable; kept only if the activity completes.</summary>
    void SetVariable(string name, JsonNode? value);

    /// <summary>Names of the variables defined or set so far.</summary>
    IEnumerable<string> VariableNames { get; }

    /// <summary>The globals scripts can read (see <see cref="GetGlobal"/>).</summary>
    IEnumerable<string> GlobalNames { get; }

    /// <summary>
    /// A read-only global: <c>input</c> (the start input), <c>lastTask</c> (outcome, comment, attachments, data,
    /// actor of the last completed human task), <c>lastEvent</c> (the payload of the last event that resumed the
    /// workflow), <c>correlationId</c>, and those of modules on top of the engine.
    /// </summary>
    JsonNode? GetGlobal(string name);
}
