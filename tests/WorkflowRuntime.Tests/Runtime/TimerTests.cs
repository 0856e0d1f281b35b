using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PublicServices.Workflows.Persistence;
using PublicServices.Workflows.Runtime;
using PublicServices.WorkflowRuntime.Tests.Support;
using static PublicServices.WorkflowRuntime.Tests.Support.FlowBuilder;

namespace PublicServices.WorkflowRuntime.Tests.Runtime;

/// <summary>Timers and escalations fired by the poller, on PostgreSQL.</summary>
public class TimerTests : IAsyncLifetime
{
    WorkflowHost host = null!;

    public async Task InitializeAsync()
    {
        host = await WorkflowHost.PostgresAsync("wf_timers");
        await host.PublishAsync(new FlowBuilder("delayed").Start().Activity("wait", "Elsa.Delay", ("timeSpan", Lit("01:00:00", "TimeSpan")))
            .Status("after", 4).End().Chain("start", "wait", "after", "end").Build());
        await host.PublishAsync(new FlowBuilder("budgeted").Start().Task("receive", "one_stop_desk", ["ok"], budget: 0.5m).End()
            .Connect("start", "receive").Connect("receive", "end", "ok").Build());
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task A_delay_resumes_when_its_timer_is_due_and_not_before()
    {
        var id = await host.StartAsync("delayed");

        host.Clock.Advance(TimeSpan.FromMinutes(59));
        await host.Runtime.RunDueTimersAsync();
        Assert.Equal(WorkflowStatus.Suspended, (await host.Queries.GetInstanceAsync(id))!.Status);

        host.Clock.Advance(TimeSpan.FromMinutes(1));
        await host.Runtime.RunDueTimersAsync();
        Assert.Equal(WorkflowStatus.Finished, (await host.Queries.GetInstanceAsync(id))!.Status);
        Assert.Single(await host.EffectsAsync(id));
        Assert.Contains(await host.Queries.JournalAsync(id), j => j.ActivityId == "wait" && j.Event == JournalEvents.ActivityResumed && j.ActorId == "system");
    }

    [Fact]
    public async Task Pollers_racing_on_the_same_database_fire_every_timer_exactly_once()
    {
        var ids = new List<Guid>();
        for (var i = 0; i < 30; i++) ids.Add(await host.StartAsync("delayed"));
        host.Clock.Advance(TimeSpan.FromHours(2));

        var fired = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => host.Runtime.RunDueTimersAsync())));

        Assert.True(fired.Sum() >= 30, $"fired {fired.Sum()}");
        foreach (var id in ids)
        {
            Assert.Equal(WorkflowStatus.Finished, (await host.Queries.GetInstanceAsync(id))!.Status);
            Assert.Single(await host.EffectsAsync(id));
        }
        Assert.Equal(0, await host.Runtime.RunDueTimersAsync());
    }

    [Fact]
    public async Task An_overdue_task_is_flagged_and_escalated_once_and_completing_it_removes_nothing_else()
    {
        var id = await host.StartAsync("budgeted");
        var task = await host.OpenTaskAsync(id, "receive");
        Assert.False(task.IsOverdue);

        host.Clock.Advance(TimeSpan.FromHours(6));
        await host.Runtime.RunDueTimersAsync();
        await host.Runtime.RunDueTimersAsync();

        var overdue = await host.Queries.InboxAsync(new InboxQuery(Actors.Centre, ["one_stop_desk"], Actors.Desk.Id) { Overdue = true });
        var flagged = Assert.Single(overdue.Items, t => t.Id == task.Id);
        Assert.True(flagged.IsOverdue);
        Assert.NotNull(flagged.EscalatedAt);
        var notice = Assert.Single(await host.EffectsAsync(id));
        Assert.Equal("NotificationRequested.v1", notice.Type);
        Assert.Equal("task-overdue", (string?)JsonNode.Parse(notice.Payload)!["template"]);
        Assert.Single(await host.Queries.JournalAsync(id), j => j.Event == JournalEvents.TaskEscalated);

        Assert.Equal(TaskActionStatus.Completed, (await host.CompleteAsync(id, "receive", "ok", Actors.Desk)).Status);
        Assert.Equal(WorkflowStatus.Finished, (await host.Queries.GetInstanceAsync(id))!.Status);
    }

    [Fact]
    public async Task Completing_a_task_in_time_cancels_its_escalation()
    {
        var id = await host.StartAsync("budgeted");
        await host.CompleteAsync(id, "receive", "ok", Actors.Desk);

        host.Clock.Advance(TimeSpan.FromDays(3));
        await host.Runtime.RunDueTimersAsync();

        Assert.Equal(0, await host.WithDbAsync(db => db.Set<WorkflowTimer>().CountAsync(t => t.InstanceId == id)));
        Assert.Empty(await host.EffectsAsync(id));
    }

    [Fact]
    public async Task The_background_poller_fires_due_timers_by_itself()
    {
        await using var polling = await WorkflowHost.PostgresAsync("wf_poller", s => s.Configure<WorkflowRuntimeOptions>(o =>
        {
            o.EnablePoller = true;
            o.PollInterval = TimeSpan.FromMilliseconds(50);
        }));
        await polling.PublishAsync(new FlowBuilder("delayed").Start().Activity("wait", "Elsa.Delay", ("timeSpan", Lit("00:00:01", "TimeSpan")))
            .End().Chain("start", "wait", "end").Build());
        var id = await polling.StartAsync("delayed");
        polling.Clock.Advance(TimeSpan.FromSeconds(2));
        var poller = polling.Services.GetServices<IHostedService>().Single();

        await poller.StartAsync(CancellationToken.None);
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while ((await polling.Queries.GetInstanceAsync(id))!.Status != WorkflowStatus.Finished && DateTime.UtcNow < deadline)
                await Task.Delay(50);
        }
        finally
        {
            await poller.StopAsync(CancellationToken.None);
        }

        Assert.Equal(WorkflowStatus.Finished, (await polling.Queries.GetInstanceAsync(id))!.Status);
    }
}
