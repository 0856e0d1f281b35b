using PublicServices.OneStop.Dossiers;
using PublicServices.OneStop.Tests.Support;
using PublicServices.WorkflowEngine.Definitions;
using PublicServices.WorkflowEngine.Tests.Support;
using static PublicServices.WorkflowEngine.Tests.Support.FlowBuilder;

namespace PublicServices.OneStop.Tests.Dossiers;

/// <summary>
/// A status change the national status machine refuses is refused when the definition is validated, where the status
/// is written in the definition (when it is set by an expression, the run refuses it: <see cref="StatusIncidentTests"/>).
/// </summary>
public class DossierStatusFlowRuleTests
{
    static IReadOnlyList<ValidationProblem> Validate(FlowBuilder flow) => OneStopModule.Validator().Validate(flow.Build());

    static FlowBuilder ScriptedStatus(FlowBuilder flow, string id, string script) =>
        flow.Activity(id, "PublicServices.SetDossierStatus", ("status", Js(script, "Int32")));

    [Fact]
    public void A_status_the_machine_refuses_after_the_one_before_it_is_refused_on_that_activity()
    {
        var problems = Validate(new FlowBuilder("jump").Start().Status("received", 2).Status("returned", 10).End()
            .Chain("start", "received", "returned", "end"));

        var problem = ProblemAssert.Has(problems, "returned", "Status.IllegalTransition", "cannot change from that status to 10");
        Assert.Equal([2, 10], problem.Arguments);
        Assert.Equal("The dossier may be in status 2 when it reaches this step, and cannot change from that status to 10.", problem.English());
        Assert.Single(problems);
    }

    [Fact]
    public void A_status_is_checked_against_every_status_the_paths_to_it_can_bring()
    {
        // The desk receives (2) or refuses (3, final); both paths meet at "processing" (4): only 3 → 4 is refused.
        var problems = Validate(new FlowBuilder("paths").Start().HumanTask("receive", "one_stop_desk", ["accept", "refuse"])
            .Status("received", 2).Status("refused", 3).Status("processing", 4).End()
            .Connect("start", "receive").Connect("receive", "received", "accept").Connect("receive", "refused", "refuse")
            .Chain("received", "processing").Chain("refused", "processing").Chain("processing", "end"));

        Assert.Equal([("processing", "Status.IllegalTransition", "3 → 4")],
            problems.Select(p => (p.ActivityId, p.Key, $"{p.Arguments[0]} → {p.Arguments[1]}")));
    }

    [Fact]
    public void The_one_stop_activities_that_report_a_status_are_checked_from_a_new_dossier()
    {
        var problems = Validate(new FlowBuilder("early").Start().Activity("issue", "PublicServices.IssueResult")
            .Activity("supplement", "PublicServices.RequestSupplement").End()
            .Chain("start", "issue", "supplement", "end"));

        // New → processed (9) is refused; after 9, a supplement request (5) is refused too.
        Assert.Equal(new[] { ("issue", 1, 9), ("supplement", 9, 5) },
            problems.Select(p => (p.ActivityId!, (int)p.Arguments[0], (int)p.Arguments[1])).Order());
        Assert.All(problems, p => Assert.Equal("Status.IllegalTransition", p.Key));
    }

    [Fact]
    public void A_loop_back_to_an_earlier_status_is_allowed_where_the_machine_allows_it()
    {
        Assert.Empty(Validate(new FlowBuilder("rework").Start().Status("received", 2).Status("processing", 4)
            .HumanTask("appraise", "specialist", ["more", "done"]).Activity("supplement", "PublicServices.RequestSupplement").Status("processed", 9).End()
            .Chain("start", "received", "processing", "appraise").Connect("appraise", "supplement", "more").Chain("supplement", "processing")
            .Connect("appraise", "processed", "done").Chain("processed", "end")));
    }

    [Fact]
    public void The_shipped_standard_definition_is_accepted_by_the_rule()
    {
        Assert.Empty(new DossierStatusFlowRule().Validate(Definitions.StandardDefinitionTests.Standard().Root,
            TestActivities.Registry(OneStopModule.Activities)));
    }

    [Fact]
    public void A_status_set_by_an_expression_is_not_checked_at_validation_nor_the_literal_one_after_it()
    {
        Assert.Empty(Validate(ScriptedStatus(new FlowBuilder("scripted").Start().Status("received", 2), "scripted", "input.status")
            .Status("returned", 10).End().Chain("start", "received", "scripted", "returned", "end")));
    }
}
