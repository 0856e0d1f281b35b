using System.Text.Json.Nodes;
using PublicServices.WorkflowEngine.Json;

namespace PublicServices.WorkflowEngine.Definitions;

/// <summary>A workflow variable as Elsa 3 declares it: <c>{"id", "name", "typeName", "value"}</c>.</summary>
public sealed record VariableDefinition(string Id, string Name, string? TypeName, JsonNode? Value)
{
    /// <summary>The initial value typed by <see cref="TypeName"/> (Elsa writes "0" for an Int32 zero).</summary>
    public JsonNode? InitialValue() => ValueConvert.ToType(Value?.DeepClone(), TypeName);
}
