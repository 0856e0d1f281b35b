using System.Text.Json.Nodes;
using PublicServices.WorkflowEngine.Definitions;
using PublicServices.WorkflowEngine.Tests.Support;
using static PublicServices.WorkflowEngine.Tests.Support.FlowBuilder;
using Texts = PublicServices.WorkflowEngine.Resources.Messages;

namespace PublicServices.WorkflowEngine.Tests.Definitions;

public class WorkflowValidatorTests
{
    static IReadOnlyList<ValidationProblem> Validate(FlowBuilder flow) => TestActivities.Validator().Validate(flow.Build());

    [Fact]
    public void A_simple_complete_flowchart_has_no_problems()
    {
        Assert.Empty(Validate(new FlowBuilder("ok").Start().Task("t", "specialist", ["yes", "no"]).Mark("s", 4).End()
            .Connect("start", "t").Connect("t", "s", "yes").Connect("t", "end", "no").Chain("s", "end")));
    }

    [Fact]
    public void Exactly_one_start_is_required()
    {
        ProblemAssert.Has(Validate(new FlowBuilder("none").End()), null, "Definition.StartCount", "exactly one start");
        ProblemAssert.Has(Validate(new FlowBuilder("two").Start("a").Start("b").End().Chain("a", "end").Chain("b", "end")), null,
            "Definition.StartCount", "it has 2");
    }

    [Fact]
    public void An_activity_not_reachable_from_the_start_is_reported()
    {
        var problems = Validate(new FlowBuilder("island").Start().End().Mark("orphan", 4).Chain("start", "end").Chain("orphan", "end"));
        ProblemAssert.Has(problems, "orphan", "Activity.Unreachable", "cannot be reached");
    }

    [Fact]
    public void A_port_that_leads_nowhere_is_a_path_without_an_end()
    {
        var problems = Validate(new FlowBuilder("dangling").Start().Activity("d", "Elsa.FlowDecision", ("condition", Lit("true", "Boolean"))).End()
            .Connect("start", "d").Connect("d", "end", "True"));
        ProblemAssert.Has(problems, "d", "Port.NotConnected", "Port 'False'");
    }

    [Fact]
    public void A_cycle_with_no_way_out_is_reported_even_when_it_waits()
    {
        var problems = Validate(new FlowBuilder("trap").Start().Task("a", "specialist", ["next"]).Task("b", "specialist", ["back"]).End()
            .Connect("start", "a").Connect("a", "b", "next").Connect("b", "a", "back"));
        ProblemAssert.Has(problems, "a", "Activity.NoPathToEnd", "reaches an end");
        ProblemAssert.Has(problems, "b", "Activity.NoPathToEnd", "reaches an end");
    }

    [Fact]
    public void Connections_must_join_existing_activities_and_ports()
    {
        var problems = Validate(new FlowBuilder("wires").Start().End().Chain("start", "end")
            .Connect("ghost", "end").Connect("start", "nowhere").Connect("start", "end", "Sideways"));
        ProblemAssert.Has(problems, "ghost", "Connection.UnknownSource", "unknown activity 'ghost'");
        ProblemAssert.Has(problems, "nowhere", "Connection.UnknownTarget", "unknown activity 'nowhere'");
        ProblemAssert.Has(problems, "start", "Connection.UnknownPort", "no port 'Sideways'");
    }

    [Fact]
    public void Every_outcome_of_a_task_must_be_connected()
    {
        var problems = Validate(new FlowBuilder("tasks").Start().Task("loose", "specialist", ["ok", "forgotten"]).End()
            .Connect("start", "loose").Connect("loose", "end", "ok"));
        ProblemAssert.Has(problems, "loose", "Port.OutcomeNotConnected", "Outcome 'forgotten' of human task 'loose' is not connected");
    }

    [Fact]
    public void An_unknown_activity_type_is_reported()
    {
        ProblemAssert.Has(Validate(new FlowBuilder("unknown").Start().Activity("w", "Elsa.WriteLine").End().Chain("start", "w", "end")),
            "w", "Activity.UnknownType", "'Elsa.WriteLine' is not supported");
    }

    [Fact]
    public void A_loop_without_a_waiting_activity_is_an_error_and_a_loop_through_a_task_is_not()
    {
        var spinning = Validate(new FlowBuilder("spin").Start().Activity("d", "Elsa.FlowDecision", ("condition", Js("getVariable('n') < 3", "Boolean")))
            .Activity("inc", "Elsa.SetVariable", ("variable", "n"), ("value", Js("(getVariable('n') || 0) + 1"))).End()
            .Connect("start", "d").Connect("d", "inc", "True").Connect("inc", "d").Connect("d", "end", "False"));
        ProblemAssert.Has(spinning, "d", "Loop.NoWait", "no waiting activity");

        Assert.Empty(Validate(new FlowBuilder("rework").Start().Task("appraise", "specialist", ["again", "done"]).Mark("s", 4).End()
            .Connect("start", "appraise").Connect("appraise", "s", "again").Connect("s", "appraise").Connect("appraise", "end", "done")));
    }

    [Fact]
    public void Scripts_that_do_not_parse_and_unknown_expression_types_are_reported()
    {
        var problems = Validate(new FlowBuilder("scripts").Start().Activity("d", "Elsa.FlowDecision", ("condition", Js("getVariable('x' >", "Boolean")))
            .Activity("s", Mark.TypeName, ("mark", new JsonObject { ["typeName"] = "Int32", ["expression"] = new JsonObject { ["type"] = "Liquid", ["value"] = "{{ 4 }}" } }))
            .End().Connect("start", "d").Connect("d", "s", "True").Connect("d", "end", "False").Chain("s", "end"));
        ProblemAssert.Has(problems, "d", "Input.ScriptSyntax", "does not parse");
        Assert.Equal(["Liquid", "mark"], ProblemAssert.Has(problems, "s", "Input.UnknownExpressionType", "'Liquid'").Arguments);
    }

    [Fact]
    public void Control_activity_inputs_are_checked()
    {
        var problems = Validate(new FlowBuilder("inputs").Start().Activity("wait", "Elsa.Event").Activity("pause", "Elsa.Delay").End()
            .Chain("start", "wait", "pause", "end"));
        ProblemAssert.Has(problems, "wait", "Event.NoName", "no event name");
        ProblemAssert.Has(problems, "pause", "Delay.NoDuration");
    }

    [Fact]
    public void A_root_that_is_not_a_flowchart_is_refused()
    {
        var json = JsonNode.Parse(new FlowBuilder("seq").Start().Build().ToJson())!.AsObject();
        json["root"]!["type"] = "Elsa.Sequence";
        ProblemAssert.Has(TestActivities.Validator().Validate(WorkflowDefinition.Parse(json.ToJsonString())), null,
            "Definition.RootNotFlowchart", "must be an Elsa.Flowchart");
    }

    [Fact]
    public void Problems_are_worded_in_the_callers_language_with_their_arguments()
    {
        var problem = new ValidationProblem("a", typeof(Texts), "Activity.Unreachable", "a");

        Assert.Equal("Activity 'a' cannot be reached from the start.", problem.English());
        Assert.Equal("Không thể đi tới bước 'a' từ điểm bắt đầu.", problem.Vietnamese());
    }

    [Fact]
    public void Every_engine_text_has_a_Vietnamese_and_an_English_wording()
    {
        ResourceAssert.EveryTextInVietnameseAndEnglish(typeof(Texts));
    }
}
