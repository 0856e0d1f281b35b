using PublicServices.WorkflowEngine.Execution;
using PublicServices.WorkflowEngine.Persistence;
using PublicServices.WorkflowEngine.Tests.Support;
using static PublicServices.WorkflowEngine.Tests.Support.FlowBuilder;

namespace PublicServices.WorkflowEngine.Tests.Activities;

/// <summary>What the engine does with an activity's task wait, its completion and its deadline, and with the effects of a step.</summary>
public class TaskWaitTests
{
    [Fact]
    public void A_task_goes_to_its_unit_and_role_with_its_deadline_and_an_escalation_timer()
    {
        var h = new Harness(new FlowBuilder("t").Start().Task("appraise", "specialist", ["ok", "no"], deadline: "1.06:00:00").End()
            .Connect("start", "appraise").Connect("appraise", "end", "ok").Connect("appraise", "end", "no").Build());

        h.Start();

        var task = Assert.Single(h.Tasks);
        Assert.Equal((Actors.Centre, "specialist", WorkflowTaskStatus.Open), (task.Unit, task.Role, task.Status));
        Assert.Equal("[\"ok\",\"no\"]", task.Outcomes);
        Assert.Equal(("Việc appraise", "Task appraise"), (task.TitleVi, task.TitleEn));
        Assert.Equal((h.Instance.Reference, h.Instance.CorrelationId), (task.Reference, task.CorrelationId));
        Assert.Equal(h.Clock.GetUtcNow() + TimeSpan.FromHours(30), task.DueAt);
        var escalation = Assert.Single(h.Timers);
        Assert.Equal((TimerKind.Escalation, task.Id, task.DueAt), (escalation.Kind, escalation.TaskId, (DateTimeOffset?)escalation.DueAt));
    }

    [Fact]
    public void A_task_continues_through_the_chosen_outcome_and_later_steps_see_it()
    {
        var h = new Harness(new FlowBuilder("t").Start().Task("decide", "leader", ["approve", "reject"], unit: Actors.Ward)
            .Activity("keep", "Elsa.SetVariable", ("variable", "why"), ("value", Js("lastTask.outcome + ': ' + lastTask.comment")))
            .Finish("approved").Finish("rejected")
            .Connect("start", "decide").Connect("decide", "keep", "reject").Connect("keep", "rejected").Connect("decide", "approved", "approve").Build());
        h.Start();
        Assert.Equal(Actors.Ward, h.Tasks.Single().Unit);

        h.Complete("decide", "reject", "thiếu chữ ký");

        Assert.Equal("reject: thiếu chữ ký", (string?)h.Variables["why"]);
        Assert.Contains(h.Journal, j => j.ActivityId == "decide" && j.Event == JournalEvents.ActivityResumed && j.ActorId == Actors.Desk.Id);
        Assert.Empty(h.Timers);
    }

    [Fact]
    public void A_task_past_its_deadline_is_escalated_once_stays_open_and_its_activity_reacts()
    {
        var h = new Harness(new FlowBuilder("t").Start().Task("receive", "one_stop_desk", ["ok"], deadline: "04:00:00").End()
            .Connect("start", "receive").Connect("receive", "end", "ok").Build());
        h.Start();
        var task = h.Tasks.Single();

        h.Clock.Advance(TimeSpan.FromHours(3));
        h.FireDueTimers();
        Assert.Empty(h.Payloads(TestTask.EscalatedEffect));

        h.Clock.Advance(TimeSpan.FromHours(1));
        h.FireDueTimers();
        h.FireDueTimers();
        var escalated = Assert.Single(h.Payloads(TestTask.EscalatedEffect));
        Assert.Equal((task.Id, "receive"), (escalated["taskId"]!.GetValue<Guid>(), (string?)escalated["activityId"]));
        Assert.Single(h.Journal, j => j.Event == JournalEvents.TaskEscalated && j.ActivityId == "receive");
        Assert.Equal(["receive"], h.Waiting);

        h.Complete("receive", "ok");
        Assert.Equal(WorkflowStatus.Finished, h.Instance.Status);
    }

    [Fact]
    public void Effects_of_a_step_get_ids_from_the_instance_and_step_so_a_rerun_repeats_them()
    {
        var definition = new FlowBuilder("t").Start().Mark("a", 2).Mark("b", 4).End().Chain("start", "a", "b", "end").Build();
        var first = new Harness(definition);
        var second = new Harness(definition);
        second.Instance.Id = first.Instance.Id;

        first.Start();
        second.Start();

        Assert.Equal(2, first.Effects.Select(e => e.Id).Distinct().Count());
        Assert.Equal(first.Effects.Select(e => e.Id), second.Effects.Select(e => e.Id));
        Assert.NotEqual(first.Effects.Select(e => e.Id), new Harness(definition).Start().Effects.Select(e => e.Id));
    }
}
