using Microsoft.Extensions.DependencyInjection;
using PublicServices.WorkflowEngine.Execution;
using PublicServices.WorkflowEngine.Persistence;
using PublicServices.WorkflowEngine.Runtime;
using PublicServices.WorkflowEngine.Tests.Support;

namespace PublicServices.WorkflowEngine.Tests.Runtime;

/// <summary>Faults, incidents, backoff and retries: a crashing step never doubles an effect.</summary>
public class IncidentTests : IAsyncLifetime
{
    readonly Flaky flaky = new();
    WorkflowHost host = null!;

    public async Task InitializeAsync()
    {
        host = await WorkflowHost.PostgresAsync("wf_incidents", s => s.AddSingleton<WorkflowActivity>(flaky));
        // Received (effect) → a step that crashes → processing (effect) → a task: the crash sits between two effects.
        await host.PublishAsync(new FlowBuilder("crashing").Start().Mark("received", 2).Activity("call", "Test.Flaky").Mark("processing", 4)
            .Task("appraise", "specialist", ["ok"]).End()
            .Chain("start", "received", "call", "processing", "appraise").Connect("appraise", "end", "ok").Build());
        await host.PublishAsync(new FlowBuilder("crash-after-task").Start().Task("receive", "one_stop_desk", ["accept"]).Activity("call", "Test.Flaky")
            .Mark("processing", 4).End().Connect("start", "receive").Connect("receive", "call", "accept").Chain("call", "processing", "end").Build());
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    static async Task AssertStatuses(WorkflowHost on, Guid id, params int[] expected) => Assert.Equal(expected, await on.MarksAsync(id));

    [Fact]
    public async Task A_step_that_throws_faults_the_instance_with_an_incident_and_a_retry_finishes_without_doubled_effects()
    {
        flaky.Failing = true;
        var id = await host.StartAsync("crashing");

        var faulted = (await host.Queries.GetInstanceAsync(id))!;
        Assert.Equal(WorkflowStatus.Faulted, faulted.Status);
        var incident = Assert.Single(await host.Queries.IncidentsAsync(id));
        Assert.Equal(("call", "Test.Flaky", 1), (incident.ActivityId, incident.ActivityType, incident.Attempts));
        Assert.Contains("did not answer", incident.Message, StringComparison.Ordinal);
        Assert.Equal(host.Clock.GetUtcNow() + TimeSpan.FromSeconds(10), incident.NextAttemptAt);
        // The step before the crash counted once; nothing after it happened.
        await AssertStatuses(host, id, 2);
        Assert.Contains(await host.Queries.JournalAsync(id), j => j.Event == JournalEvents.ActivityFaulted && j.ActivityId == "call");

        // Not due yet: the poller leaves it alone.
        Assert.Equal(0, await host.Runtime.RetryDueIncidentsAsync());

        // Due, still failing: one more attempt, and the wait doubles.
        host.Clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(1, await host.Runtime.RetryDueIncidentsAsync());
        incident = Assert.Single(await host.Queries.IncidentsAsync(id));
        Assert.Equal(2, incident.Attempts);
        Assert.Equal(host.Clock.GetUtcNow() + TimeSpan.FromSeconds(20), incident.NextAttemptAt);
        await AssertStatuses(host, id, 2);

        // The service is back: the retry runs the failed step and goes on.
        flaky.Failing = false;
        host.Clock.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(1, await host.Runtime.RetryDueIncidentsAsync());

        Assert.Equal(WorkflowStatus.Suspended, (await host.Queries.GetInstanceAsync(id))!.Status);
        Assert.Empty(await host.Queries.IncidentsAsync(id));
        Assert.NotNull(Assert.Single(await host.Queries.IncidentsAsync(id, includeResolved: true)).ResolvedAt);
        await AssertStatuses(host, id, 2, 4);
        Assert.Equal("appraise", (await host.OpenTaskAsync(id, "appraise")).ActivityId);
        Assert.Contains(await host.Queries.JournalAsync(id), j => j.Event == JournalEvents.IncidentResolved);
    }

    [Fact]
    public async Task A_completion_whose_next_step_crashes_still_counts_and_the_step_is_retried_by_hand()
    {
        flaky.Failing = false;
        var id = await host.StartAsync("crash-after-task");
        flaky.Failing = true;

        var result = await host.CompleteAsync(id, "receive", "accept", Actors.Desk);

        Assert.Equal((TaskActionStatus.Completed, WorkflowStatus.Faulted), (result.Status, result.InstanceStatus));
        Assert.Empty(await host.EffectsAsync(id));
        var again = await host.Runtime.CompleteTaskAsync(new CompleteTaskRequest((await host.Queries.TasksOfInstanceAsync(id)).Single().Id, "accept", Actors.Desk));
        Assert.Equal(TaskActionStatus.AlreadyCompleted, again.Status);

        flaky.Failing = false;
        var retried = await host.Runtime.RetryIncidentAsync(id, Actors.Desk);

        Assert.Equal((InstanceActionStatus.Done, WorkflowStatus.Finished), (retried.Status, retried.InstanceStatus));
        await AssertStatuses(host, id, 4);
        Assert.Equal(InstanceActionStatus.NoIncident, (await host.Runtime.RetryIncidentAsync(id, Actors.Desk)).Status);
    }

    [Fact]
    public async Task An_incident_is_given_up_after_the_last_attempt_and_can_still_be_retried_by_hand()
    {
        await using var strict = await WorkflowHost.PostgresAsync("wf_giveup", s =>
        {
            s.AddSingleton<WorkflowActivity>(flaky);
            s.Configure<WorkflowRuntimeOptions>(o => o.IncidentMaxAttempts = 2);
        });
        await strict.PublishAsync(new FlowBuilder("crashing").Start().Activity("call", "Test.Flaky").End().Chain("start", "call", "end").Build());
        flaky.Failing = true;
        var id = await strict.StartAsync("crashing");

        strict.Clock.Advance(TimeSpan.FromMinutes(1));
        await strict.Runtime.RetryDueIncidentsAsync();
        var incident = Assert.Single(await strict.Queries.IncidentsAsync(id));
        Assert.Equal((2, (DateTimeOffset?)null), (incident.Attempts, incident.NextAttemptAt));
        strict.Clock.Advance(TimeSpan.FromHours(5));
        Assert.Equal(0, await strict.Runtime.RetryDueIncidentsAsync());

        flaky.Failing = false;
        Assert.Equal(InstanceActionStatus.Done, (await strict.Runtime.RetryIncidentAsync(id, Actors.Leader)).Status);
        Assert.Equal(WorkflowStatus.Finished, (await strict.Queries.GetInstanceAsync(id))!.Status);
    }

    [Fact]
    public async Task Cancelling_an_instance_cancels_its_tasks_and_resolves_its_incident()
    {
        flaky.Failing = false;
        var waiting = await host.StartAsync("crashing");
        flaky.Failing = true;
        var faulted = await host.StartAsync("crashing");

        Assert.Equal(InstanceActionStatus.Done, (await host.Runtime.CancelAsync(waiting, Actors.Leader, "Công dân rút hồ sơ")).Status);
        Assert.Equal(InstanceActionStatus.Done, (await host.Runtime.CancelAsync(faulted, Actors.Leader, "Lỗi")).Status);
        Assert.Equal(InstanceActionStatus.AlreadyEnded, (await host.Runtime.CancelAsync(waiting, Actors.Leader, null)).Status);
        Assert.Equal(InstanceActionStatus.NotFound, (await host.Runtime.CancelAsync(Guid.NewGuid(), Actors.Leader, null)).Status);

        Assert.Equal(WorkflowStatus.Cancelled, (await host.Queries.GetInstanceAsync(waiting))!.Status);
        Assert.All(await host.Queries.TasksOfInstanceAsync(waiting), t => Assert.Equal(WorkflowTaskStatus.Cancelled, t.Status));
        Assert.Empty(await host.Queries.IncidentsAsync(faulted));
        Assert.Contains(await host.Queries.JournalAsync(waiting), j => j.Event == JournalEvents.WorkflowCancelled && j.ActorId == Actors.Leader.Id);
    }
}
