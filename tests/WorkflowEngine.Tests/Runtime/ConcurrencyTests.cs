using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PublicServices.WorkflowEngine.Execution;
using PublicServices.WorkflowEngine.Persistence;
using PublicServices.WorkflowEngine.Runtime;
using PublicServices.WorkflowEngine.Stores;
using PublicServices.WorkflowEngine.Tests.Support;
using static PublicServices.WorkflowEngine.Tests.Support.FlowBuilder;

namespace PublicServices.WorkflowEngine.Tests.Runtime;

/// <summary>Exactly once under concurrency, on PostgreSQL (advisory lock per instance, conditional consumption).</summary>
public class ConcurrencyTests : IAsyncLifetime
{
    WorkflowHost host = null!;

    public async Task InitializeAsync()
    {
        host = await WorkflowHost.PostgresAsync("wf_concurrency");
        await host.PublishAsync(Flows.Review());
        // Two waits for the same event, each after an effect: a resumed wait shows as one more effect.
        await host.PublishAsync(new FlowBuilder("supplements").Start()
            .Mark("asked", 5).Activity("first", "Elsa.Event", ("eventName", Lit("SupplementSubmitted", "String")))
            .Mark("asked-again", 5).Activity("second", "Elsa.Event", ("eventName", Lit("SupplementSubmitted", "String"))).Mark("processing", 4).End()
            .Chain("start", "asked", "first", "asked-again", "second", "processing", "end").Build());
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Fifty_parallel_completions_of_one_task_complete_it_once_with_one_set_of_effects()
    {
        var id = await host.StartAsync("review");
        var task = await host.OpenTaskAsync(id, "receive");

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(() => host.Runtime.CompleteTaskAsync(
            new CompleteTaskRequest(task.Id, i % 2 == 0 ? "accept" : "refuse", i % 3 == 0 ? Actors.Desk : Actors.Desk2) { Comment = $"lần {i}" }))));

        Assert.Single(results, r => r.Status == TaskActionStatus.Completed);
        Assert.Equal(49, results.Count(r => r.Status == TaskActionStatus.AlreadyCompleted));
        var marks = await host.MarksAsync(id);
        Assert.True(marks.SequenceEqual([2, 4]) || marks.SequenceEqual([3]), string.Join(",", marks));
        var journal = await host.Queries.JournalAsync(id);
        Assert.Single(journal, j => j.ActivityId == "receive" && j.Event == JournalEvents.ActivityResumed);
        var completed = await host.Queries.GetTaskAsync(task.Id);
        Assert.Equal(completed!.Outcome, journal.Single(j => j.ActivityId == "receive" && j.Event == JournalEvents.ActivityResumed).Data!["outcome"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_instance_lock_key_PostgreSQL_computes_from_a_task_or_bookmark_row_is_the_key_the_runtime_computes()
    {
        Guid[] ids = [Guid.Empty, Guid.AllBitsSet, Guid.Parse("00112233-4455-6677-8899-aabbccddeeff"),
            .. Enumerable.Range(0, 30).Select(_ => Guid.CreateVersion7()), .. Enumerable.Range(0, 30).Select(_ => Guid.NewGuid())];
        var sql = "SELECT " + PostgresWorkflowStore.LockKeySql("u.id") + " AS \"Value\" FROM unnest({0}) WITH ORDINALITY AS u(id, n) ORDER BY u.n";
        var fromSql = await host.WithDbAsync(db => db.Database.SqlQueryRaw<long>(sql, [ids]).ToListAsync());

        Assert.Equal(ids.Select(PostgresWorkflowStore.LockKey), fromSql);
        Assert.Equal(60, fromSql.Skip(3).Distinct().Count()); // ids of real instances do not share a lock
    }

    [Fact]
    public async Task Four_hundred_completions_aimed_at_forty_tasks_complete_each_task_once_and_leave_no_instance_stuck()
    {
        var ids = new List<Guid>();
        for (var i = 0; i < 40; i++) ids.Add(await host.StartAsync("review"));
        var tasks = new List<TaskView>();
        foreach (var id in ids) tasks.Add(await host.OpenTaskAsync(id, "receive"));

        var attempts = tasks.SelectMany(t => Enumerable.Range(0, 10).Select(_ => t)).OrderBy(_ => Random.Shared.Next()).ToList();
        var results = await Task.WhenAll(attempts.Select(t => Task.Run(async () => (t.Id, (await host.Runtime.CompleteTaskAsync(new CompleteTaskRequest(t.Id, "accept", Actors.Desk))).Status))));

        Assert.All(results.GroupBy(r => r.Id), g =>
        {
            Assert.Single(g, r => r.Status == TaskActionStatus.Completed);
            Assert.Equal(9, g.Count(r => r.Status == TaskActionStatus.AlreadyCompleted));
        });
        foreach (var id in ids)
        {
            Assert.Equal(2, (await host.EffectsAsync(id)).Count);
            Assert.Equal("appraise", (await host.OpenTaskAsync(id, "appraise")).ActivityId);
        }
    }

    [Fact]
    public async Task Parallel_deliveries_of_one_event_resume_the_waiting_activity_once()
    {
        var id = await host.StartAsync("supplements");
        var dossier = (await host.Queries.GetInstanceAsync(id))!.CorrelationId!;
        var eventId = Guid.NewGuid().ToString();

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() =>
            host.Runtime.DeliverEventAsync(new DeliverEventRequest("SupplementSubmitted", dossier, eventId)))));

        Assert.Equal(1, results.Sum(r => r.Resumed));
        var instance = (await host.Queries.GetInstanceAsync(id))!;
        Assert.Equal(["second"], instance.Waits.Select(w => w.ActivityId));
        Assert.Equal(2, (await host.EffectsAsync(id)).Count);
    }

    [Fact]
    public async Task A_redelivered_event_does_not_resume_a_later_wait_for_the_same_event()
    {
        var id = await host.StartAsync("supplements");
        var dossier = (await host.Queries.GetInstanceAsync(id))!.CorrelationId!;
        var first = new DeliverEventRequest("SupplementSubmitted", dossier, "event-1");

        Assert.Equal(new DeliverEventResult(1, 0), await host.Runtime.DeliverEventAsync(first));
        Assert.Equal(new DeliverEventResult(0, 1), await host.Runtime.DeliverEventAsync(first));
        Assert.Equal(["second"], (await host.Queries.GetInstanceAsync(id))!.Waits.Select(w => w.ActivityId));

        Assert.Equal(new DeliverEventResult(1, 0), await host.Runtime.DeliverEventAsync(first with { EventId = "event-2" }));
        Assert.Equal(WorkflowStatus.Finished, (await host.Queries.GetInstanceAsync(id))!.Status);
    }

    [Fact]
    public async Task An_event_for_another_dossier_resumes_nothing()
    {
        var id = await host.StartAsync("supplements");

        var result = await host.Runtime.DeliverEventAsync(new DeliverEventRequest("SupplementSubmitted", Guid.NewGuid().ToString(), "e"));

        Assert.Equal(0, result.Resumed);
        Assert.Equal(["first"], (await host.Queries.GetInstanceAsync(id))!.Waits.Select(w => w.ActivityId));
        Assert.Equal(1, await host.WithDbAsync(db => db.Set<Bookmark>().CountAsync(b => b.InstanceId == id)));
    }

    [Fact]
    public async Task One_event_in_two_parallel_batches_resumes_the_waiting_activity_once()
    {
        var ids = new List<Guid>();
        for (var i = 0; i < 6; i++) ids.Add(await host.StartAsync("supplements"));
        var dossiers = new List<string>();
        foreach (var id in ids) dossiers.Add((await host.Queries.GetInstanceAsync(id))!.CorrelationId!);
        var events = dossiers.Select(d => new DeliverEventRequest("SupplementSubmitted", d, "batch-" + d)).ToList();

        // The same events, in opposite orders, from four batches at once.
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(n => Task.Run(() =>
            host.Runtime.DeliverEventsAsync(n % 2 == 0 ? events : [.. Enumerable.Reverse(events)]))));

        Assert.Equal(6, results.Sum(r => r.Sum(x => x.Resumed)));
        foreach (var id in ids)
        {
            Assert.Equal(["second"], (await host.Queries.GetInstanceAsync(id))!.Waits.Select(w => w.ActivityId));
            Assert.Equal(2, (await host.EffectsAsync(id)).Count);
            var journal = await host.Queries.JournalAsync(id);
            Assert.Single(journal, j => j.ActivityId == "first" && j.Event == JournalEvents.ActivityResumed);
        }
    }

    [Fact]
    public async Task A_mixed_batch_of_events_resumes_each_waiting_instance_once_and_reports_each_event()
    {
        var waiting = await host.StartAsync("supplements");
        var finished = await host.StartAsync("supplements");
        var redelivered = await host.StartAsync("supplements");
        var twice = await host.StartAsync("supplements");
        async Task<string> Dossier(Guid id) => (await host.Queries.GetInstanceAsync(id))!.CorrelationId!;
        var finishedDossier = await Dossier(finished);
        await host.Runtime.DeliverEventAsync(new DeliverEventRequest("SupplementSubmitted", finishedDossier, "f-1"));
        await host.Runtime.DeliverEventAsync(new DeliverEventRequest("SupplementSubmitted", finishedDossier, "f-2"));
        Assert.Equal(WorkflowStatus.Finished, (await host.Queries.GetInstanceAsync(finished))!.Status);
        var redeliveredDossier = await Dossier(redelivered);
        await host.Runtime.DeliverEventAsync(new DeliverEventRequest("SupplementSubmitted", redeliveredDossier, "r-1"));

        var results = await host.Runtime.DeliverEventsAsync([
            new DeliverEventRequest("SupplementSubmitted", await Dossier(waiting), "w-1"),
            new DeliverEventRequest("SupplementSubmitted", finishedDossier, "f-3"),
            new DeliverEventRequest("SupplementSubmitted", redeliveredDossier, "r-1"),
            new DeliverEventRequest("SupplementSubmitted", Guid.NewGuid().ToString(), "nobody"),
            new DeliverEventRequest("SupplementSubmitted", await Dossier(twice), "t-1"),
            new DeliverEventRequest("SupplementSubmitted", await Dossier(twice), "t-2"),
        ]);

        Assert.Equal([new(1, 0), new(0, 0), new(0, 1), new(0, 0), new(1, 0), new(1, 0)], results);
        Assert.Equal(["second"], (await host.Queries.GetInstanceAsync(waiting))!.Waits.Select(w => w.ActivityId));
        Assert.Equal(["second"], (await host.Queries.GetInstanceAsync(redelivered))!.Waits.Select(w => w.ActivityId));
        Assert.Equal(WorkflowStatus.Finished, (await host.Queries.GetInstanceAsync(twice))!.Status);
        // The same effects and journal as the instance that got its two events one by one.
        var twiceDossier = await Dossier(twice);
        Assert.Equal((await host.EffectsAsync(finished)).Select(e => (e.Type, e.Payload.Replace(finishedDossier, "d", StringComparison.Ordinal))),
            (await host.EffectsAsync(twice)).Select(e => (e.Type, e.Payload.Replace(twiceDossier, "d", StringComparison.Ordinal))));
        Assert.Equal((await host.Queries.JournalAsync(finished)).Select(j => (j.ActivityId, j.Event)),
            (await host.Queries.JournalAsync(twice)).Select(j => (j.ActivityId, j.Event)));
        Assert.Equal(1, await host.WithDbAsync(db => db.Set<EventReceipt>().CountAsync(r => r.InstanceId == twice && r.EventId == "t-2")));
        Assert.Equal(0, await host.WithDbAsync(db => db.Set<EventReceipt>().CountAsync(r => r.EventId == "f-3")));
    }
}
