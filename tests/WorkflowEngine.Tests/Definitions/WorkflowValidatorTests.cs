using System.Text.Json.Nodes;
using PublicServices.WorkflowEngine.Definitions;
using PublicServices.WorkflowEngine.Validation;
using PublicServices.WorkflowEngine.Stores;
using PublicServices.WorkflowEngine.Tests.Support;
using static PublicServices.WorkflowEngine.Tests.Support.FlowBuilder;

namespace PublicServices.WorkflowEngine.Tests.Definitions;

public class WorkflowValidatorTests
{
    static IReadOnlyList<ValidationProblem> Validate(FlowBuilder flow) => new WorkflowValidator().Validate(flow.Build());

    static void AssertProblem(IReadOnlyList<ValidationProblem> problems, string? activityId, string englishFragment)
    {
        var problem = Assert.Single(problems, p => p.ActivityId == activityId && p.MessageEn.Contains(englishFragment, StringComparison.Ordinal));
        Assert.False(string.IsNullOrWhiteSpace(problem.MessageVi));
        Assert.NotEqual(problem.MessageVi, problem.MessageEn);
    }

    [Fact]
    public void A_simple_complete_flowchart_has_no_problems()
    {
        Assert.Empty(Validate(new FlowBuilder("ok").Start().Task("t", "specialist", ["yes", "no"]).Status("s", 4).End()
            .Connect("start", "t").Connect("t", "s", "yes").Connect("t", "end", "no").Chain("s", "end")));
    }

    [Fact]
    public void Exactly_one_start_is_required()
    {
        AssertProblem(Validate(new FlowBuilder("none").End()), null, "exactly one start");
        AssertProblem(Validate(new FlowBuilder("two").Start("a").Start("b").End().Chain("a", "end").Chain("b", "end")), null, "it has 2");
    }

    [Fact]
    public void An_activity_not_reachable_from_the_start_is_reported()
    {
        var problems = Validate(new FlowBuilder("island").Start().End().Status("orphan", 4).Chain("start", "end").Chain("orphan", "end"));
        AssertProblem(problems, "orphan", "cannot be reached");
    }

    [Fact]
    public void A_port_that_leads_nowhere_is_a_path_without_an_end()
    {
        var problems = Validate(new FlowBuilder("dangling").Start().Activity("d", "Elsa.FlowDecision", ("condition", Lit("true", "Boolean"))).End()
            .Connect("start", "d").Connect("d", "end", "True"));
        AssertProblem(problems, "d", "Port 'False'");
    }

    [Fact]
    public void A_cycle_with_no_way_out_is_reported_even_when_it_waits()
    {
        var problems = Validate(new FlowBuilder("trap").Start().Task("a", "specialist", ["next"]).Task("b", "specialist", ["back"]).End()
            .Connect("start", "a").Connect("a", "b", "next").Connect("b", "a", "back"));
        AssertProblem(problems, "a", "reaches an end");
        AssertProblem(problems, "b", "reaches an end");
    }

    [Fact]
    public void Connections_must_join_existing_activities_and_ports()
    {
        var problems = Validate(new FlowBuilder("wires").Start().End().Chain("start", "end")
            .Connect("ghost", "end").Connect("start", "nowhere").Connect("start", "end", "Sideways"));
        AssertProblem(problems, "ghost", "unknown activity 'ghost'");
        AssertProblem(problems, "nowhere", "unknown activity 'nowhere'");
        AssertProblem(problems, "start", "no port 'Sideways'");
    }

    [Fact]
    public void A_human_task_needs_a_role_and_outcomes_and_every_outcome_connected()
    {
        var problems = Validate(new FlowBuilder("tasks").Start()
            .Activity("noRole", "PublicServices.HumanTask", ("outcomes", Lit("[\"ok\"]", "String[]")))
            .Activity("noOutcomes", "PublicServices.HumanTask", ("role", Lit("leader", "String")))
            .Task("loose", "specialist", ["ok", "forgotten"]).End()
            .Connect("start", "noRole").Connect("noRole", "noOutcomes", "ok").Connect("noOutcomes", "loose").Connect("loose", "end", "ok"));
        AssertProblem(problems, "noRole", "must name a role");
        AssertProblem(problems, "noOutcomes", "at least one outcome");
        AssertProblem(problems, "loose", "Outcome 'forgotten' of human task 'loose' is not connected");
    }

    [Fact]
    public void An_unknown_activity_type_is_reported()
    {
        AssertProblem(Validate(new FlowBuilder("unknown").Start().Activity("w", "Elsa.WriteLine").End().Chain("start", "w", "end")),
            "w", "'Elsa.WriteLine' is not supported");
    }

    [Fact]
    public void A_loop_without_a_waiting_activity_is_an_error_and_a_loop_through_a_task_is_not()
    {
        var spinning = Validate(new FlowBuilder("spin").Start().Activity("d", "Elsa.FlowDecision", ("condition", Js("getVariable('n') < 3", "Boolean")))
            .Activity("inc", "Elsa.SetVariable", ("variable", "n"), ("value", Js("(getVariable('n') || 0) + 1"))).End()
            .Connect("start", "d").Connect("d", "inc", "True").Connect("inc", "d").Connect("d", "end", "False"));
        AssertProblem(spinning, "d", "no waiting activity");

        Assert.Empty(Validate(new FlowBuilder("rework").Start().Task("appraise", "specialist", ["again", "done"]).Status("s", 4).End()
            .Connect("start", "appraise").Connect("appraise", "s", "again").Connect("s", "appraise").Connect("appraise", "end", "done")));
    }

    [Fact]
    public void Scripts_that_do_not_parse_and_unknown_expression_types_are_reported()
    {
        var problems = Validate(new FlowBuilder("scripts").Start().Activity("d", "Elsa.FlowDecision", ("condition", Js("getVariable('x' >", "Boolean")))
            .Activity("s", "PublicServices.SetDossierStatus", ("status", new JsonObject { ["typeName"] = "Int32", ["expression"] = new JsonObject { ["type"] = "Liquid", ["value"] = "{{ 4 }}" } }))
            .End().Connect("start", "d").Connect("d", "s", "True").Connect("d", "end", "False").Chain("s", "end"));
        AssertProblem(problems, "d", "does not parse");
        AssertProblem(problems, "s", "'Liquid'");
    }

    [Fact]
    public void Domain_inputs_are_checked()
    {
        var problems = Validate(new FlowBuilder("inputs").Start().Status("bad", 11)
            .Activity("pay", "PublicServices.RequestPayment", ("amount", Lit("0", "Decimal")))
            .Activity("move", "PublicServices.TransferAgency").Activity("wait", "Elsa.Event").End()
            .Chain("start", "bad").Connect("bad", "pay").Connect("pay", "move", "Paid").Chain("move", "wait", "end"));
        AssertProblem(problems, "bad", "between 1 and 10");
        AssertProblem(problems, "pay", "amount above 0");
        AssertProblem(problems, "move", "receiving agency");
        AssertProblem(problems, "wait", "no event name");
    }

    [Fact]
    public void A_root_that_is_not_a_flowchart_is_refused()
    {
        var json = JsonNode.Parse(new FlowBuilder("seq").Start().Build().ToJson())!.AsObject();
        json["root"]!["type"] = "Elsa.Sequence";
        AssertProblem(new WorkflowValidator().Validate(WorkflowDefinition.Parse(json.ToJsonString())), null, "must be an Elsa.Flowchart");
    }

    [Fact]
    public void Problems_are_given_in_the_callers_language()
    {
        var problem = new ValidationProblem("a", "Tiếng Việt", "English");
        Assert.Equal(("Tiếng Việt", "English", "Tiếng Việt"), (problem.Message(null), problem.Message("en-US"), problem.Message("vi")));
    }
}
