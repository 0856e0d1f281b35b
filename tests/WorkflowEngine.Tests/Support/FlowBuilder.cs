using System.Text.Json;
using System.Text.Json.Nodes;
using PublicServices.WorkflowEngine.Definitions;

namespace PublicServices.WorkflowEngine.Tests.Support;

/// <summary>
/// Builds test definitions in Elsa 3's JSON shape (inputs as <c>{"typeName", "expression": {"type", "value"}}</c>),
/// so each test states only the flowchart it needs.
/// </summary>
public sealed class FlowBuilder(string definitionId)
{
    readonly JsonArray activities = [];
    readonly JsonArray connections = [];
    readonly JsonArray variables = [];

    /// <summary>A literal input as Elsa writes it (values as text).</summary>
    public static JsonObject Lit(object? value, string typeName = "Object") => new()
    {
        ["typeName"] = typeName,
        ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = value is string or null ? JsonValue.Create((string?)value) : JsonSerializer.SerializeToNode(value) },
    };

    /// <summary>A JavaScript input.</summary>
    public static JsonObject Js(string script, string typeName = "Object") => new()
    {
        ["typeName"] = typeName,
        ["expression"] = new JsonObject { ["type"] = "JavaScript", ["value"] = script },
    };

    public FlowBuilder Variable(string name, string typeName, string? value)
    {
        variables.Add(new JsonObject { ["id"] = name + "-id", ["name"] = name, ["typeName"] = typeName, ["value"] = value });
        return this;
    }

    public FlowBuilder Activity(string id, string type, params (string Name, JsonNode? Input)[] inputs)
    {
        var a = new JsonObject
        {
            ["id"] = id, ["nodeId"] = $"Workflow1:Flowchart1:{id}", ["name"] = id, ["type"] = type, ["version"] = 1,
            ["customProperties"] = new JsonObject(), ["metadata"] = new JsonObject { ["designer"] = new JsonObject { ["position"] = new JsonObject { ["x"] = 0, ["y"] = 0 } } },
        };
        foreach (var (name, input) in inputs) a[name] = input;
        activities.Add(a);
        return this;
    }

    public FlowBuilder Start(string id = "start") => Activity(id, "Elsa.Start");
    public FlowBuilder End(string id = "end") => Activity(id, "Elsa.End");
    public FlowBuilder Finish(string id = "finish") => Activity(id, "Elsa.Finish");

    /// <summary>A <see cref="TestTask"/> for <paramref name="role"/> (at <paramref name="unit"/>, else the instance's unit), due after <paramref name="deadline"/>.</summary>
    public FlowBuilder Task(string id, string role, string[] outcomes, string? deadline = null, string? unit = null) =>
        Activity(id, TestTask.TypeName,
            ("unit", unit is null ? null : Lit(unit, "String")), ("role", Lit(role, "String")), ("outcomes", Lit(JsonSerializer.Serialize(outcomes), "String[]")),
            ("deadline", deadline is null ? null : Lit(deadline, "TimeSpan")),
            ("title", Lit(JsonSerializer.Serialize(new { vi = "Việc " + id, en = "Task " + id }))));

    /// <summary>A <see cref="Support.Mark"/> emitting <paramref name="mark"/>.</summary>
    public FlowBuilder Mark(string id, int mark) =>
        Activity(id, Support.Mark.TypeName, ("mark", Lit(mark.ToString(System.Globalization.CultureInfo.InvariantCulture), "Int32")));

    public FlowBuilder Connect(string from, string to, string port = "Done")
    {
        connections.Add(new JsonObject
        {
            ["source"] = new JsonObject { ["activity"] = from, ["port"] = port },
            ["target"] = new JsonObject { ["activity"] = to, ["port"] = "In" },
        });
        return this;
    }

    /// <summary>Connects the activities in order through "Done".</summary>
    public FlowBuilder Chain(params string[] ids)
    {
        for (var i = 0; i + 1 < ids.Length; i++) Connect(ids[i], ids[i + 1]);
        return this;
    }

    public WorkflowDefinition Build() => WorkflowDefinition.FromJson(new JsonObject
    {
        ["id"] = definitionId + "-draft",
        ["definitionId"] = definitionId,
        ["name"] = definitionId,
        ["version"] = 1,
        ["variables"] = variables.DeepClone(),
        ["root"] = new JsonObject
        {
            ["type"] = "Elsa.Flowchart",
            ["id"] = "Flowchart1",
            ["activities"] = activities.DeepClone(),
            ["connections"] = connections.DeepClone(),
        },
    });
}
