using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PublicServices.Workflow.Tests.Support;

/// <summary>Builds definitions in Elsa 3's JSON shape, so each test states only the flowchart it needs.</summary>
public sealed class Flow(string definitionId)
{
    readonly JsonArray activities = [];
    readonly JsonArray connections = [];

    public static JsonObject Lit(string value, string typeName = "String") =>
        new() { ["typeName"] = typeName, ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = value } };

    public Flow Activity(string id, string type, params (string Name, JsonNode Input)[] inputs)
    {
        var a = new JsonObject
        {
            ["id"] = id, ["nodeId"] = $"Workflow1:Flowchart1:{id}", ["name"] = id, ["type"] = type, ["version"] = 1,
            ["customProperties"] = new JsonObject { ["canStartWorkflow"] = false },
            ["metadata"] = new JsonObject { ["designer"] = new JsonObject { ["position"] = new JsonObject { ["x"] = activities.Count * 200, ["y"] = 40 } } },
        };
        foreach (var (name, input) in inputs) a[name] = input;
        activities.Add(a);
        return this;
    }

    public Flow Start(string id = "start") => Activity(id, "Elsa.Start");
    public Flow Finish(string id = "finish") => Activity(id, "Elsa.Finish");
    public Flow Delay(string id, string timeSpan) => Activity(id, "Elsa.Delay", ("timeSpan", Lit(timeSpan, "TimeSpan")));
    public Flow Status(string id, int status) => Activity(id, "PublicServices.SetDossierStatus", ("status", Lit(status.ToString(CultureInfo.InvariantCulture), "Int32")));

    public Flow Task(string id, string role, params string[] outcomes) => Activity(id, "PublicServices.HumanTask",
        ("agency", Lit("$dossier")), ("role", Lit(role)), ("outcomes", Lit(JsonSerializer.Serialize(outcomes), "String[]")),
        ("budgetWorkingDays", Lit("1", "Decimal")), ("title", Lit("{\"vi\": \"Việc " + id + "\", \"en\": \"Task " + id + "\"}", "Object")));

    public Flow Connect(string from, string to, string port = "Done")
    {
        connections.Add(new JsonObject
        {
            ["source"] = new JsonObject { ["activity"] = from, ["port"] = port },
            ["target"] = new JsonObject { ["activity"] = to, ["port"] = "In" },
            ["vertices"] = new JsonArray(),
        });
        return this;
    }

    public Flow Chain(params string[] ids)
    {
        for (var i = 0; i + 1 < ids.Length; i++) Connect(ids[i], ids[i + 1]);
        return this;
    }

    /// <summary>The definition as an Elsa 3 export writes it, designer metadata and tool version included.</summary>
    public JsonObject Build(bool isPublished = false) => new()
    {
        ["id"] = definitionId + "-v1",
        ["definitionId"] = definitionId,
        ["name"] = "Quy trình " + definitionId,
        ["description"] = "Kiểm thử / test",
        ["createdAt"] = "2026-11-26T00:00:00+00:00",
        ["version"] = 1,
        ["toolVersion"] = "3.5.0.0",
        ["variables"] = new JsonArray(),
        ["inputs"] = new JsonArray(),
        ["outputs"] = new JsonArray(),
        ["outcomes"] = new JsonArray(),
        ["customProperties"] = new JsonObject { ["agency"] = Agencies.Centre },
        ["isReadonly"] = false,
        ["isSystem"] = false,
        ["isLatest"] = true,
        ["isPublished"] = isPublished,
        ["options"] = new JsonObject { ["autoUpdateConsumingWorkflows"] = false },
        ["root"] = new JsonObject
        {
            ["type"] = "Elsa.Flowchart", ["version"] = 1, ["id"] = "Flowchart1", ["nodeId"] = "Workflow1:Flowchart1",
            ["metadata"] = new JsonObject(), ["customProperties"] = new JsonObject { ["notFoundConnections"] = new JsonArray() },
            ["activities"] = activities.DeepClone(), ["connections"] = connections.DeepClone(),
        },
    };

    /// <summary>Start → status 2 (received) → one specialist task → status 9 (processed) → finish.</summary>
    public static JsonObject Simple(string definitionId, bool isPublished = false) =>
        new Flow(definitionId).Start().Status("received", 2).Task("appraise", "specialist", "done").Status("processed", 9).Finish()
            .Chain("start", "received", "appraise").Connect("appraise", "processed", "done").Connect("processed", "finish").Build(isPublished);
}
