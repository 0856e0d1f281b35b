using System.Text.Json.Nodes;
using PublicServices.WorkflowEngine.Execution;
using PublicServices.WorkflowEngine.Persistence;
using PublicServices.WorkflowEngine.Tests.Support;
using static PublicServices.WorkflowEngine.Tests.Support.FlowBuilder;

namespace PublicServices.WorkflowEngine.Tests.Activities;

public class ControlActivityTests
{
    [Fact]
    public void Start_runs_the_flowchart_from_its_start_to_the_end()
    {
        var h = new Harness(new FlowBuilder("t").Start().Activity("set", "Elsa.SetVariable", ("variable", new JsonObject { ["name"] = "x" }), ("value", Lit("1", "Int32"))).End()
            .Chain("start", "set", "end").Build());

        h.Start();

        Assert.Equal(WorkflowStatus.Finished, h.Instance.Status);
        Assert.Equal(["WorkflowStarted", "ActivityExecuted", "ActivityExecuted", "ActivityExecuted", "WorkflowFinished"], h.Journal.Select(j => j.Event));
        Assert.Equal(["start", "set", "end"], h.Journal.Where(j => j.ActivityId is not null).Select(j => j.ActivityId));
        Assert.Equal([1L, 2, 3, 4, 5], h.Journal.Select(j => j.Seq));
    }

    [Theory]
    [InlineData(5, "big")]
    [InlineData(2, "small")]
    public void FlowDecision_takes_the_port_its_javascript_condition_chooses(int x, string expected)
    {
        var h = new Harness(new FlowBuilder("t").Variable("x", "Int32", x.ToString(System.Globalization.CultureInfo.InvariantCulture)).Start()
            .Activity("decide", "Elsa.FlowDecision", ("condition", Js("getVariable('x') > 3", "Boolean")))
            .Activity("big", "Elsa.SetVariable", ("variable", new JsonObject { ["name"] = "size" }), ("value", Lit("big", "String")))
            .Activity("small", "Elsa.SetVariable", ("variable", new JsonObject { ["name"] = "size" }), ("value", Lit("small", "String")))
            .End().Connect("start", "decide").Connect("decide", "big", "True").Connect("decide", "small", "False").Chain("big", "end").Chain("small", "end")
            .Build());

        h.Start();

        Assert.Equal(expected, (string?)h.Variables["size"]);
    }

    [Fact]
    public void FlowFork_runs_every_branch()
    {
        var h = new Harness(Fork("WaitAll"));

        h.Start();

        Assert.Equal(["a", "b"], h.Waiting.Order());
        Assert.Equal(2, h.Tasks.Count);
    }

    [Fact]
    public void FlowJoin_WaitAll_continues_only_when_every_branch_has_arrived()
    {
        var h = new Harness(Fork("WaitAll"));
        h.Start();

        h.Complete("a", "ok");
        Assert.Empty(h.Marks);
        Assert.Equal(WorkflowStatus.Suspended, h.Instance.Status);

        h.Complete("b", "ok");
        Assert.Equal([4], h.Marks);
        Assert.Equal(WorkflowStatus.Finished, h.Instance.Status);
    }

    [Fact]
    public void FlowJoin_WaitAny_continues_on_the_first_branch_and_cancels_the_others()
    {
        var h = new Harness(Fork("WaitAny"));
        h.Start();
        var b = h.Tasks.Single(t => t.ActivityId == "b");

        h.Complete("a", "ok");

        Assert.Equal([4], h.Marks);
        Assert.Contains(b.Id, h.Cancelled);
        Assert.Equal(WorkflowStatus.Finished, h.Instance.Status);
    }

    static PublicServices.WorkflowEngine.Definitions.WorkflowDefinition Fork(string mode) => new FlowBuilder("t").Start()
        .Activity("fork", "Elsa.FlowFork", ("branches", Lit("[\"left\",\"right\"]", "String[]")))
        .Task("a", "specialist", ["ok"]).Task("b", "leader", ["ok"])
        .Activity("join", "Elsa.FlowJoin", ("mode", Lit(mode, "String"))).Mark("processing", 4).End()
        .Connect("start", "fork").Connect("fork", "a", "left").Connect("fork", "b", "right")
        .Connect("a", "join", "ok").Connect("b", "join", "ok").Chain("join", "processing", "end").Build();

    [Theory]
    [InlineData("Elsa.Delay", "timeSpan", "00:05:00")]
    [InlineData("Elsa.Timer", "interval", "PT5M")]
    public void Delay_and_timer_wait_for_their_duration(string type, string input, string duration)
    {
        var h = new Harness(new FlowBuilder("t").Start().Activity("wait", type, (input, Lit(duration, "TimeSpan"))).Mark("after", 4).End()
            .Chain("start", "wait", "after", "end").Build());
        h.Start();
        var timer = Assert.Single(h.Timers);
        Assert.Equal(h.Clock.GetUtcNow() + TimeSpan.FromMinutes(5), timer.DueAt);

        h.Clock.Advance(TimeSpan.FromMinutes(4));
        h.FireDueTimers();
        Assert.Equal(WorkflowStatus.Suspended, h.Instance.Status);

        h.Clock.Advance(TimeSpan.FromMinutes(1));
        h.FireDueTimers();
        Assert.Equal(WorkflowStatus.Finished, h.Instance.Status);
        Assert.Equal([4], h.Marks);
    }

    [Fact]
    public void Event_waits_for_its_named_event_and_passes_the_payload_on()
    {
        var h = new Harness(new FlowBuilder("t").Start().Activity("wait", "Elsa.Event", ("eventName", Lit("DocumentSigned", "String")))
            .Activity("keep", "Elsa.SetVariable", ("variable", new JsonObject { ["id"] = "signer-id", ["name"] = "signer" }), ("value", Js("lastEvent.signer")))
            .End().Chain("start", "wait", "keep", "end").Build());
        h.Start();
        var bookmark = Assert.Single(h.Bookmarks);
        Assert.Equal(("DocumentSigned", "dossier-1"), (bookmark.Name, bookmark.CorrelationId));

        h.Deliver("SomethingElse", new JsonObject { ["signer"] = "nobody" });
        Assert.Equal(WorkflowStatus.Suspended, h.Instance.Status);

        h.Deliver("DocumentSigned", new JsonObject { ["signer"] = "leader-1" });
        Assert.Equal("leader-1", (string?)h.Variables["signer"]);
        Assert.Equal(WorkflowStatus.Finished, h.Instance.Status);
    }

    [Fact]
    public void SetVariable_accepts_an_elsa_variable_reference_and_scripts_can_change_variables()
    {
        var h = new Harness(new FlowBuilder("t").Variable("count", "Int32", "1").Start()
            .Activity("byId", "Elsa.SetVariable", ("variable", new JsonObject { ["id"] = "count-id" }), ("value", Js("getVariable('count') + 1")))
            .Activity("byScript", "Elsa.SetVariable", ("variable", "note"), ("value", Js("variables.count = variables.count * 10; setVariable('flag', true); 'done'")))
            .End().Chain("start", "byId", "byScript", "end").Build());

        h.Start();

        Assert.Equal(20, (int)h.Variables["count"]!);
        Assert.Equal("done", (string?)h.Variables["note"]);
        Assert.True((bool)h.Variables["flag"]!);
    }

    [Fact]
    public void End_ends_one_path_while_another_path_still_waits()
    {
        var h = new Harness(new FlowBuilder("t").Start().Activity("fork", "Elsa.FlowFork", ("branches", Lit("a,b", "String[]")))
            .End("end-a").Task("task", "specialist", ["ok"]).End("end-b")
            .Connect("start", "fork").Connect("fork", "end-a", "a").Connect("fork", "task", "b").Connect("task", "end-b", "ok").Build());

        h.Start();
        Assert.Equal(WorkflowStatus.Suspended, h.Instance.Status);

        h.Complete("task", "ok");
        Assert.Equal(WorkflowStatus.Finished, h.Instance.Status);
    }

    [Fact]
    public void Finish_ends_the_whole_workflow_and_cancels_the_other_waits()
    {
        var h = new Harness(new FlowBuilder("t").Start().Activity("fork", "Elsa.FlowFork", ("branches", Lit("a,b", "String[]")))
            .Task("first", "specialist", ["ok"]).Task("second", "leader", ["ok"]).Finish().End()
            .Connect("start", "fork").Connect("fork", "first", "a").Connect("fork", "second", "b")
            .Connect("first", "finish", "ok").Connect("second", "end", "ok").Build());
        h.Start();
        var second = h.Tasks.Single(t => t.ActivityId == "second");

        h.Complete("first", "ok");

        Assert.Equal(WorkflowStatus.Finished, h.Instance.Status);
        Assert.Contains(second.Id, h.Cancelled);
        Assert.Empty(h.Waiting);
    }

    [Fact]
    public void A_loop_without_a_wait_is_stopped_by_the_step_limit()
    {
        var spinning = new FlowBuilder("t").Start()
            .Activity("again", "Elsa.FlowDecision", ("condition", Lit("true", "Boolean"))).End()
            .Connect("start", "again").Connect("again", "again", "True").Connect("again", "end", "False").Build();

        var fault = Assert.Throws<ActivityFaultException>(() => new Harness(spinning, options: o => o.MaxStepsPerBurst = 50).Start());
        Assert.IsType<StepLimitException>(fault.InnerException);

        var h = new Harness(spinning, options: o => o.MaxStepsPerBurst = 50);
        var recorded = h.Burst(b => b.Begin(), recordFaults: true);
        Assert.Equal(WorkflowStatus.Faulted, h.Instance.Status);
        Assert.Equal("again", recorded.Fault!.Value.ActivityId);
        Assert.Equal("again", h.State.Queue[0].ActivityId);
    }
}
