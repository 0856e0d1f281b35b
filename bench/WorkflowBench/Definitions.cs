using System.Text.Json;
using System.Text.Json.Nodes;
using PublicServices.WorkflowEngine.Definitions;

namespace PublicServices.Bench.Workflow;

/// <summary>The flowcharts the bench runs, in Elsa 3's JSON shape (inputs as {typeName, expression {type, value}}).</summary>
public static class Definitions
{
    /// <summary>start → three SetVariable (literal values) → end: no wait, so one start runs it to the end.</summary>
    public const string ThreeSteps = "bench-three-steps";
    /// <summary>start → Elsa.Event "Go" → end.</summary>
    public const string WaitEvent = "bench-wait-event";
    /// <summary>start → a human task (one outcome, a budget, so an escalation timer too) → end.</summary>
    public const string OneTask = "bench-one-task";
    /// <summary>start → receive → appraise → wait for PaymentReceived → approve → end: what the stored instances run.</summary>
    public const string OneStop = "bench-one-stop";

    public const string GoEvent = "Go";
    public const string PaymentEvent = "PaymentReceived";
    /// <summary>Step budget: long enough that no stored task is overdue or due for escalation during the run.</summary>
    public const decimal BudgetDays = 20;

    /// <summary>The human tasks of <see cref="OneStop"/> in order: activity, role, the outcome that moves on.</summary>
    public static readonly (string Activity, string Role, string Outcome)[] OneStopTasks =
        [("receive", "one_stop_desk", "accept"), ("appraise", "specialist", "approve"), ("approve", "leader", "sign")];

    public static IEnumerable<WorkflowDefinition> All()
    {
        yield return new Flow(ThreeSteps).Variable("x", "Int32").Variable("y", "Int32").Variable("z", "Int32").Start()
            .SetVariable("a", "x", "1").SetVariable("b", "y", "2").SetVariable("c", "z", "3").End()
            .Chain("start", "a", "b", "c", "end").Build();
        yield return new Flow(WaitEvent).Start().Event("wait", GoEvent).End().Chain("start", "wait", "end").Build();
        yield return new Flow(OneTask).Start().Task("task", "specialist", "done").End()
            .Connect("start", "task").Connect("task", "end", "done").Build();
        var (receive, appraise, approve) = (OneStopTasks[0], OneStopTasks[1], OneStopTasks[2]);
        yield return new Flow(OneStop).Start().Task(receive.Activity, receive.Role, receive.Outcome)
            .Task(appraise.Activity, appraise.Role, appraise.Outcome).Event("payment", PaymentEvent)
            .Task(approve.Activity, approve.Role, approve.Outcome).End()
            .Connect("start", receive.Activity).Connect(receive.Activity, appraise.Activity, receive.Outcome)
            .Connect(appraise.Activity, "payment", appraise.Outcome).Connect("payment", approve.Activity)
            .Connect(approve.Activity, "end", approve.Outcome).Build();
    }

    sealed class Flow(string definitionId)
    {
        readonly JsonArray activities = [];
        readonly JsonArray connections = [];
        readonly JsonArray variables = [];

        static JsonObject Literal(string value, string typeName) => new()
        {
            ["typeName"] = typeName,
            ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = value },
        };

        public Flow Variable(string name, string typeName)
        {
            variables.Add(new JsonObject { ["id"] = name, ["name"] = name, ["typeName"] = typeName, ["value"] = null });
            return this;
        }

        Flow Activity(string id, string type, params (string Name, JsonNode Input)[] inputs)
        {
            var a = new JsonObject { ["id"] = id, ["nodeId"] = $"Workflow1:Flowchart1:{id}", ["name"] = id, ["type"] = type, ["version"] = 1 };
            foreach (var (name, input) in inputs) a[name] = input;
            activities.Add(a);
            return this;
        }

        public Flow Start() => Activity("start", "Elsa.Start");
        public Flow End() => Activity("end", "Elsa.End");

        public Flow SetVariable(string id, string variable, string value) => Activity(id, "Elsa.SetVariable",
            ("variable", new JsonObject { ["id"] = variable, ["name"] = variable, ["typeName"] = "Int32" }), ("value", Literal(value, "Int32")));

        public Flow Event(string id, string name) => Activity(id, "Elsa.Event", ("eventName", Literal(name, "String")));

        public Flow Task(string id, string role, string outcome) => Activity(id, "PublicServices.HumanTask",
            ("agency", Literal("$dossier", "String")), ("role", Literal(role, "String")),
            ("outcomes", Literal(JsonSerializer.Serialize(new[] { outcome }), "String[]")),
            ("budgetWorkingDays", Literal(BudgetDays.ToString(System.Globalization.CultureInfo.InvariantCulture), "Decimal")),
            ("title", Literal(JsonSerializer.Serialize(new { vi = "Xử lý bước " + id, en = "Handle step " + id }), "Object")));

        public Flow Connect(string from, string to, string port = "Done")
        {
            connections.Add(new JsonObject
            {
                ["source"] = new JsonObject { ["activity"] = from, ["port"] = port },
                ["target"] = new JsonObject { ["activity"] = to, ["port"] = "In" },
            });
            return this;
        }

        public Flow Chain(params string[] ids)
        {
            for (var i = 0; i + 1 < ids.Length; i++) Connect(ids[i], ids[i + 1]);
            return this;
        }

        public WorkflowDefinition Build() => WorkflowDefinition.FromJson(new JsonObject
        {
            ["definitionId"] = definitionId,
            ["name"] = definitionId,
            ["version"] = 1,
            ["variables"] = variables.DeepClone(),
            ["root"] = new JsonObject
            {
                ["type"] = "Elsa.Flowchart", ["id"] = "Flowchart1",
                ["activities"] = activities.DeepClone(), ["connections"] = connections.DeepClone(),
            },
        });
    }
}
