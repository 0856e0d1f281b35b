using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PublicServices.WorkflowEngine.Execution;
using PublicServices.WorkflowEngine.Persistence;
using PublicServices.WorkflowEngine.Runtime;
using PublicServices.WorkflowEngine.Stores;
using PublicServices.WorkflowEngine.Tests.Support;
using static PublicServices.WorkflowEngine.Tests.Support.FlowBuilder;

namespace PublicServices.WorkflowEngine.Tests.Runtime;

/// <summary>Timers and escalations fired by the poller, on PostgreSQL.</summary>
public class TimerTests : IAsyncLifetime
{
    WorkflowHost host = null!;

    public async Task InitializeAsync()
    {
        host = await WorkflowHost.PostgresAsync("wf_timers");
        await host.PublishAsync(new FlowBuilder("delayed").Start().Activity("wait", "Elsa.Delay", ("timeSpan", Lit("01:00:00", "TimeSpan")))
            .Mark("after", 4).End().Chain("start", "wait", "after", "end").Build());
        await host.PublishAsync(new FlowBuilder("budgeted").Start().Task("receive", "one_stop_desk", ["ok"], deadline: "04:00:00").End()
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
    public async Task The_poller_takes_due_timers_by_index_even_on_a_cached_generic_plan()
    {
        await using var big = await WorkflowHost.PostgresAsync("wf_timer_plan");
        await big.PublishAsync(new FlowBuilder("delayed").Start().Activity("wait", "Elsa.Delay", ("timeSpan", Lit("01:00:00", "TimeSpan")))
            .Mark("after", 4).End().Chain("start", "wait", "after", "end").Build());
        var id = await big.StartAsync("delayed");
        // Many timers far ahead: a plan that reads the whole table to claim a few would show here.
        await big.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("INSERT INTO workflow_timers (id, instance_id, activity_id, kind, due_at) "
            + "SELECT gen_random_uuid(), {0}, 'far', 0, now() + interval '1 year' + g * interval '1 second' FROM generate_series(1, 50000) g", id));
        await big.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("ANALYZE workflow_timers"));

        // After a few executions PostgreSQL may keep a generic plan, which cannot see the LIMIT's value: force one.
        var plan = await big.WithDbAsync(async db =>
        {
            var sql = string.Format(System.Globalization.CultureInfo.InvariantCulture, Claims.TimersSql(postgres: true), "$1", "$2", "$3");
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"SET plan_cache_mode = force_generic_plan; PREPARE claim(timestamptz, timestamptz, int) AS {sql}; "
                + "EXPLAIN EXECUTE claim(now(), now(), 100)";
            var lines = new List<string>();
            await using (var reader = await command.ExecuteReaderAsync())
                while (await reader.ReadAsync()) lines.Add(reader.GetString(0));
            command.CommandText = "DEALLOCATE claim; RESET plan_cache_mode";
            await command.ExecuteNonQueryAsync();
            await connection.CloseAsync();
            return string.Join("\n", lines);
        });

        Assert.DoesNotContain("Seq Scan", plan, StringComparison.Ordinal);
        Assert.Contains("IX_workflow_timers_due_at", plan, StringComparison.Ordinal);
        big.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(1, await big.Runtime.RunDueTimersAsync());
        Assert.Equal(WorkflowStatus.Finished, (await big.Queries.GetInstanceAsync(id))!.Status);
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
        Assert.Equal(TestTask.EscalatedEffect, notice.Type);
        Assert.Equal(task.Id, JsonNode.Parse(notice.Payload)!["taskId"]!.GetValue<Guid>());
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
