using System.Text.Json.Nodes;
using PublicServices.WorkflowEngine.Definitions;
using PublicServices.WorkflowEngine.Execution;
using PublicServices.WorkflowEngine.Persistence;
using PublicServices.WorkflowEngine.Tests.Support;

namespace PublicServices.WorkflowEngine.Tests.Definitions;

/// <summary>
/// What the README says imports from Elsa 3 and what does not, one fixture per trait found in real Elsa 3 exports
/// (<c>Fixtures/elsa/</c>, written for this project in the shape Elsa Studio 3.x exports). Each refusal is checked by
/// activity, text key and the English wording the README quotes. That the activity types the README lists are those
/// the engine and the one-stop module register is checked in the one-stop module's tests.
/// </summary>
public class ElsaImportTests
{
    static readonly (string?, string, string) NoStart = (null, "Definition.StartCount", "The workflow must have exactly one start (Elsa.Start); it has 0.");

    static string Text(string fixture) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "elsa", fixture + ".json"));

    static WorkflowDefinition Load(string fixture) => WorkflowDefinition.Parse(Text(fixture));

    static List<(string? ActivityId, string Key, string English)> Problems(WorkflowDefinition definition) =>
        [.. TestActivities.Validator().Validate(definition).Select(p => (p.ActivityId, p.Key, p.English()))];

    static JsonObject Activity(WorkflowDefinition definition, string id) =>
        definition.Json["root"]!["activities"]!.AsArray().OfType<JsonObject>().Single(a => (string?)a["id"] == id);

    [Fact]
    public void A_conforming_export_imports_unchanged_and_runs_to_its_finish()
    {
        var definition = Load("conforming-flowchart");

        Assert.Empty(Problems(definition));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Text("conforming-flowchart")), JsonNode.Parse(definition.ToJson())));

        var h = new Harness(definition);
        h.Start();
        Assert.True((bool)h.Variables["Notified"]!);
        Assert.Equal(["4e1cb23e2bc66c78"], h.Waiting); // Event1; FlowJoin1 waits for it (WaitAll)

        h.Deliver("DocumentsReceived");
        Assert.Equal(["e429f7f8929b7d45"], h.Waiting); // FlowDecision1 read the Variable expression (Notified) as true

        for (var reminder = 1; reminder <= 2; reminder++)
        {
            h.Clock.Advance(TimeSpan.FromMinutes(10));
            h.FireDueTimers();
            Assert.Equal(reminder, (int)h.Variables["Reminders"]!);
        }
        Assert.Equal(WorkflowStatus.Finished, h.Instance.Status);
        Assert.Empty(h.Waiting);
    }

    [Fact]
    public void An_export_whose_decision_outcomes_meet_in_one_end_imports_and_runs()
    {
        var definition = Load("decision-outcomes-into-one-end");

        Assert.Empty(Problems(definition));
        var h = new Harness(definition);
        h.Start();
        Assert.Equal(WorkflowStatus.Finished, h.Instance.Status);
        Assert.True((bool)JsonNode.Parse(h.Journal.Single(j => j.ActivityId == "205da23574d15d8e").Data!)!["result"]!); // the JSON literal true
    }

    [Fact]
    public void An_Elsa_3_0_export_with_flat_connections_imports_and_runs()
    {
        var definition = Load("elsa-3.0-flat-connections");

        Assert.Equal(
        [
            new Connection("Start1", "Done", "FlowDecision1", "In"), new Connection("FlowDecision1", "True", "Delay1", "In"),
            new Connection("FlowDecision1", "False", "End1", "In"), new Connection("Delay1", "Done", "End1", "In"),
        ], definition.Root.Connections);
        Assert.Empty(Problems(definition));

        var h = new Harness(definition);
        h.Start();
        Assert.Equal(["Delay1"], h.Waiting); // the literal "True" took the True port
        h.Clock.Advance(TimeSpan.FromHours(1));
        h.FireDueTimers();
        Assert.Equal(WorkflowStatus.Finished, h.Instance.Status);
    }

    [Fact]
    public void An_export_without_a_start_activity_is_refused_with_the_reason()
    {
        Assert.Equal([NoStart], Problems(Load("no-start-activity")));
    }

    [Fact]
    public void An_export_without_a_start_activity_imports_once_an_Elsa_Start_leads_to_its_first_activity()
    {
        var json = JsonNode.Parse(Text("no-start-activity"))!.AsObject();
        json["root"]!["activities"]!.AsArray().Insert(0, new JsonObject { ["id"] = "start", ["type"] = "Elsa.Start", ["version"] = 1 });
        json["root"]!["connections"]!.AsArray().Add(new JsonObject
        {
            ["source"] = new JsonObject { ["activity"] = "start", ["port"] = "Done" },
            ["target"] = new JsonObject { ["activity"] = "1cb7d0753136d91c", ["port"] = "In" },
        });
        var definition = WorkflowDefinition.FromJson(json);

        Assert.Empty(Problems(definition));
        var h = new Harness(definition, input: new JsonObject { ["urgent"] = true });
        h.Start();
        Assert.Equal(["398cbccdf12e7409"], h.Waiting);
    }

    [Fact]
    public void An_unconnected_outcome_port_is_refused_with_the_reason()
    {
        Assert.Equal([("f2795516a3f9e4f9", "Port.NotConnected", "Port 'False' of activity 'f2795516a3f9e4f9' is not connected.")],
            Problems(Load("unconnected-outcome-port")));
    }

    [Fact]
    public void A_path_that_stops_without_an_end_is_refused_with_the_reason()
    {
        Assert.Equal(
        [
            ("e37e7d7578956e49", "Port.NotConnected", "Port 'Done' of activity 'e37e7d7578956e49' is not connected."),
            ("edeae0f69f399823", "Activity.NoPathToEnd", "No path from activity 'edeae0f69f399823' reaches an end (Elsa.End or Elsa.Finish)."),
            ("fa4fec30e6cd1d5d", "Activity.NoPathToEnd", "No path from activity 'fa4fec30e6cd1d5d' reaches an end (Elsa.End or Elsa.Finish)."),
            ("e37e7d7578956e49", "Activity.NoPathToEnd", "No path from activity 'e37e7d7578956e49' reaches an end (Elsa.End or Elsa.Finish)."),
        ], Problems(Load("path-stops-without-end")));
    }

    [Fact]
    public void A_loop_without_a_waiting_activity_is_refused_with_the_reason()
    {
        Assert.Equal(
            [("f86f7935dc146e72", "Loop.NoWait", "The loop through f86f7935dc146e72, 7245a361b7ef5356 has no waiting activity (task, event, timer), so it could run forever.")],
            Problems(Load("loop-without-waiting-activity")));
    }

    [Theory]
    [InlineData("Elsa.Delay", "timeSpan", "TimeSpan", "00:01:00")]
    [InlineData("Elsa.Timer", "interval", "TimeSpan", "00:01:00")]
    [InlineData("Elsa.Event", "eventName", "String", "CopyPrinted")]
    public void The_same_loop_through_a_waiting_activity_imports(string type, string input, string typeName, string value)
    {
        var json = JsonNode.Parse(Text("loop-without-waiting-activity"))!.AsObject();
        json["root"]!["activities"]!.AsArray().Add(new JsonObject
        {
            [input] = new JsonObject { ["typeName"] = typeName, ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = value } },
            ["id"] = "wait", ["type"] = type, ["version"] = 1,
        });
        var back = json["root"]!["connections"]!.AsArray().Single(c => (string?)c!["source"]!["port"] == "True")!;
        back["target"]!["activity"] = "wait";
        json["root"]!["connections"]!.AsArray().Add(new JsonObject
        {
            ["source"] = new JsonObject { ["activity"] = "wait", ["port"] = "Done" },
            ["target"] = new JsonObject { ["activity"] = "f86f7935dc146e72", ["port"] = "In" },
        });

        Assert.Empty(Problems(WorkflowDefinition.FromJson(json)));
    }

    [Fact]
    public void An_unsupported_activity_type_is_refused_with_the_reason()
    {
        Assert.Equal(
        [
            ("ae0df90f86e95993", "Activity.UnknownType", "Activity type 'Elsa.WriteLine' is not supported."),
            NoStart,
            ("ae0df90f86e95993", "Activity.NoPathToEnd", "No path from activity 'ae0df90f86e95993' reaches an end (Elsa.End or Elsa.Finish)."),
        ], Problems(Load("unsupported-activity-writeline")));
    }

    [Fact]
    public void An_export_started_by_an_HTTP_trigger_is_refused_for_its_activity_types_and_its_missing_start()
    {
        Assert.Equal(
        [
            ("a081f1113969bf35", "Activity.UnknownType", "Activity type 'Elsa.HttpEndpoint' is not supported."),
            ("eac13915255f18a1", "Activity.UnknownType", "Activity type 'Elsa.WriteHttpResponse' is not supported."),
            NoStart,
            ("a081f1113969bf35", "Activity.NoPathToEnd", "No path from activity 'a081f1113969bf35' reaches an end (Elsa.End or Elsa.Finish)."),
            ("eac13915255f18a1", "Activity.NoPathToEnd", "No path from activity 'eac13915255f18a1' reaches an end (Elsa.End or Elsa.Finish)."),
        ], Problems(Load("http-endpoint-trigger")));
    }

    [Fact]
    public void A_fork_whose_branches_are_an_Object_expression_is_refused_with_the_reason()
    {
        Assert.Equal(
        [
            ("61d9ca5fb7c6b1a2", "Fork.NoBranches", "The fork must list its branches as a literal value."),
            ("61d9ca5fb7c6b1a2", "Input.UnknownExpressionType", "Expression type 'Object' of 'branches' is not supported (Literal, JavaScript, Variable)."),
            ("61d9ca5fb7c6b1a2", "Connection.UnknownPort", "Activity '61d9ca5fb7c6b1a2' has no port 'Identity'."),
            ("61d9ca5fb7c6b1a2", "Connection.UnknownPort", "Activity '61d9ca5fb7c6b1a2' has no port 'Fees'."),
        ], Problems(Load("fork-branches-as-object-expression")));
    }

    [Fact]
    public void A_fork_whose_branches_are_rewritten_as_a_Literal_imports_and_runs()
    {
        var definition = Load("fork-branches-as-object-expression");
        Activity(definition, "61d9ca5fb7c6b1a2")["branches"]!["expression"]!["type"] = "Literal";
        definition.Invalidate();

        Assert.Empty(Problems(definition));
        var h = new Harness(definition);
        h.Start();
        Assert.Equal(["5c3f181ce24968ff", "879a66e55c18825e"], h.Waiting.Order(StringComparer.Ordinal));
        h.Deliver("IdentityVerified");
        h.Deliver("FeePaid");
        Assert.Equal(WorkflowStatus.Finished, h.Instance.Status);
    }

    [Fact]
    public void A_join_mode_other_than_WaitAll_or_WaitAny_is_refused_with_the_reason()
    {
        Assert.Equal([("44f3358b1ce45692", "Join.BadMode", "Join mode 'WaitAllActive' is not valid (WaitAll or WaitAny).")], Problems(Load("join-mode-wait-all-active")));
    }

    [Fact]
    public void An_expression_type_other_than_Literal_JavaScript_or_Variable_is_refused_with_the_reason()
    {
        Assert.Equal([("c77d361ed9b40b2a", "Input.UnknownExpressionType", "Expression type 'Liquid' of 'value' is not supported (Literal, JavaScript, Variable).")],
            Problems(Load("liquid-expression")));
    }

    [Theory]
    [InlineData(null, "getAttempts is not defined")]
    [InlineData("getInput(\"attempts\") + 1", "getInput is not defined")]
    public void A_script_using_Elsa_generated_functions_passes_validation_but_faults_when_it_runs(string? script, string error)
    {
        var definition = Load("javascript-with-elsa-variable-accessors");
        if (script is not null) Activity(definition, "b7929f83f79b8fb3")["value"]!["expression"]!["value"] = script;
        definition.Invalidate();

        Assert.Empty(Problems(definition));
        var fault = Assert.Throws<ActivityFaultException>(() => new Harness(definition).Start());
        Assert.Equal("b7929f83f79b8fb3", fault.ActivityId);
        Assert.Contains(error, fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_script_written_with_variables_runs()
    {
        var definition = Load("javascript-with-elsa-variable-accessors");
        Activity(definition, "b7929f83f79b8fb3")["value"]!["expression"]!["value"] = "variables.Attempts + 1";
        definition.Invalidate();

        var h = new Harness(definition);
        h.Start();
        Assert.Equal(1, (int)h.Variables["Attempts"]!);
        Assert.Equal(WorkflowStatus.Finished, h.Instance.Status);
    }

    [Fact]
    public void A_variable_expression_holding_the_variable_as_JSON_text_reads_as_empty()
    {
        var definition = Load("conforming-flowchart");
        var expression = Activity(definition, "5b2a4b36009f02e4")["condition"]!["expression"]!;
        expression["value"] = expression["value"]!.ToJsonString();
        definition.Invalidate();

        Assert.Empty(Problems(definition));
        var h = new Harness(definition);
        h.Start();
        h.Deliver("DocumentsReceived");
        Assert.True((bool)h.Variables["Notified"]!);
        Assert.Empty(h.Waiting); // the decision read nothing (false) and took its False port to End1
        Assert.Equal(WorkflowStatus.Finished, h.Instance.Status);
        Assert.DoesNotContain(h.Journal, j => j.ActivityId == "e429f7f8929b7d45");
    }
}
