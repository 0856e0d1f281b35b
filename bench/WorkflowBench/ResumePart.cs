using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using PublicServices.WorkflowEngine.Execution;
using PublicServices.WorkflowEngine.Persistence;
using PublicServices.WorkflowEngine.Runtime;

namespace PublicServices.Bench.Workflow;

/// <summary>
/// Part 2: waiting instances resumed. The runtime: DeliverEventAsync to instances waiting at an Elsa.Event, and
/// CompleteTaskAsync on instances waiting at a human task; each call consumes the bookmark (or task), runs the
/// instance to its end and commits before it returns. WorkflowCore: PublishEvent to workflows waiting at WaitFor,
/// done when their WorkflowCompleted event arrives. Closed loops of the same width on both sides, and batches.
/// </summary>
public static class ResumePart
{
    const string Part = "2";

    public static async Task RunAsync(WorkflowBenchOptions o, RuntimeHost runtime, Report report)
    {
        var officer = RuntimeHost.Officer("BENCH.RUN", "specialist");
        // Warm-up of both sides' resume paths.
        var warmCount = Math.Max(200, o.WarmupSeconds * 1000 / 4);
        await using (var peer = await PeerHost.StartAsync())
        {
            var keys = await PeerWaitingAsync(peer, "warm", warmCount);
            await Load.CountAsync(o.Concurrency, keys.Count, i => peer.ResumeAsync(keys[i]));
        }
        var warm = await OursWaitingEventsAsync(runtime, o, "warm", warmCount);
        await Load.CountAsync(o.Concurrency, warm.Count, i => DeliverAsync(runtime, warm[i]));
        var warmTasks = await OursWaitingTasksAsync(runtime, o, "warm", warmCount);
        await Load.CountAsync(o.Concurrency, warmTasks.Count, i => CompleteAsync(runtime, warmTasks[i], officer));

        LoadResult? peerLoop = null, eventLoop = null, taskLoop = null, peerMax = null, oursMax = null;
        for (var run = 1; run <= o.Rounds; run++)
        {
            await using (var peer = await PeerHost.StartAsync())
            {
                var keys = await PeerWaitingAsync(peer, $"loop-{run}", o.ResumeCount);
                var cpu = Cpu.Start(o);
                var r = await Load.CountAsync(o.Concurrency, keys.Count, i => peer.ResumeAsync(keys[i]));
                report.Note(Part, $"round {run}, WorkflowCore PublishEvent closed loop ×{o.Concurrency}: {r.Describe()}; {cpu.Summary(r.Count)}");
                peerLoop = ThroughputPart.Best(peerLoop, r);
            }
            {
                var waiting = await OursWaitingEventsAsync(runtime, o, $"loop-{run}", o.ResumeCount);
                var cpu = Cpu.Start(o);
                var r = await Load.CountAsync(o.Concurrency, waiting.Count, i => DeliverAsync(runtime, waiting[i]));
                report.Note(Part, $"round {run}, runtime event deliveries closed loop ×{o.Concurrency}: {r.Describe()}; {cpu.Summary(r.Count)}");
                eventLoop = ThroughputPart.Best(eventLoop, r);
            }
            {
                var tasks = await OursWaitingTasksAsync(runtime, o, $"loop-{run}", o.ResumeCount);
                var cpu = Cpu.Start(o);
                var r = await Load.CountAsync(o.Concurrency, tasks.Count, i => CompleteAsync(runtime, tasks[i], officer));
                report.Note(Part, $"round {run}, runtime task completions closed loop ×{o.Concurrency}: {r.Describe()}; {cpu.Summary(r.Count)}");
                taskLoop = ThroughputPart.Best(taskLoop, r);
            }
            await using (var peer = await PeerHost.StartAsync())
            {
                var keys = await PeerWaitingAsync(peer, $"max-{run}", o.ResumeCount);
                var cpu = Cpu.Start(o);
                var done = keys.Select(peer.Watch).ToArray();
                var clock = Stopwatch.StartNew();
                foreach (var key in keys) await peer.PublishGoAsync(key);
                await Task.WhenAll(done).WaitAsync(TimeSpan.FromMinutes(2));
                var r = new LoadResult(keys.Count, clock.Elapsed.TotalSeconds, [], 0, null);
                report.Note(Part, $"round {run}, WorkflowCore batch: {Format.N(keys.Count)} events published at once: {r.Describe()}; {cpu.Summary(r.Count)}");
                peerMax = ThroughputPart.Best(peerMax, r);
            }
            {
                var waiting = await OursWaitingEventsAsync(runtime, o, $"max-{run}", o.ResumeCount);
                var cpu = Cpu.Start(o);
                // All events at once, as WorkflowCore gets them: DeliverEventsAsync, a transaction per batch of events.
                var batches = waiting.Chunk(EventsPerCall).ToList();
                var clock = Stopwatch.StartNew();
                var calls = await Load.CountAsync(CallsInFlight, batches.Count, i => DeliverManyAsync(runtime, batches[i]));
                var r = new LoadResult(waiting.Count, clock.Elapsed.TotalSeconds, [], calls.Failures, calls.FirstFailure);
                report.Note(Part, $"round {run}, runtime batch: {Format.N(waiting.Count)} events, DeliverEventsAsync of {EventsPerCall} each, "
                    + $"×{CallsInFlight} in flight: {r.Describe()}; {cpu.Summary(r.Count)}");
                oursMax = ThroughputPart.Best(oursMax, r);
            }
        }

        var (stillWaiting, open) = await runtime.WithDbAsync(async db => (
            await db.Set<Bookmark>().CountAsync(), await db.Set<WorkflowTask>().CountAsync(t => t.Status == WorkflowTaskStatus.Open)));
        report.Note(Part, $"check: bookmarks left {stillWaiting}, open tasks left {open} (0 and 0: every wait resumed once)");
        ThroughputPart.Row(report, Part, $"Durable event resumes/s (Elsa.Event), closed loop ×{o.Concurrency}", eventLoop!, peerLoop!);
        ThroughputPart.Row(report, Part, $"Durable human-task completions/s, closed loop ×{o.Concurrency}", taskLoop!, peerLoop!);
        ThroughputPart.Row(report, Part, $"Durable event resumes/s, max (batch of {Format.N(o.ResumeCount)})", oursMax!, peerMax!);
    }

    static async Task<List<string>> PeerWaitingAsync(PeerHost peer, string tag, int count)
    {
        var keys = Enumerable.Range(0, count).Select(i => $"{tag}-{i}").ToList();
        foreach (var key in keys) await peer.StartWaitingAsync(key);
        await peer.WaitUntilSubscribedAsync(keys, TimeSpan.FromMinutes(2));
        return keys;
    }

    /// <summary>Instances waiting at the Elsa.Event; returns their correlation ids.</summary>
    static async Task<List<string>> OursWaitingEventsAsync(RuntimeHost runtime, WorkflowBenchOptions o, string tag, int count)
    {
        var correlations = Enumerable.Range(0, count).Select(i => $"ev-{tag}-{i}").ToList();
        var started = await Load.CountAsync(o.MaxConcurrency, count, i => runtime.StartAsync(Definitions.WaitEvent, correlations[i], "BENCH.RUN"));
        if (started.Failures > 0) throw new InvalidOperationException("starting waiting instances failed: " + started.FirstFailure);
        return correlations;
    }

    /// <summary>Instances waiting at a human task; returns the task ids.</summary>
    static async Task<List<Guid>> OursWaitingTasksAsync(RuntimeHost runtime, WorkflowBenchOptions o, string tag, int count)
    {
        var started = await Load.CountAsync(o.MaxConcurrency, count, i => runtime.StartAsync(Definitions.OneTask, $"task-{tag}-{i}", "BENCH.RUN"));
        if (started.Failures > 0) throw new InvalidOperationException("starting task instances failed: " + started.FirstFailure);
        return await runtime.WithDbAsync(db => db.Set<WorkflowTask>().Where(t => t.Status == WorkflowTaskStatus.Open && t.CorrelationId!.StartsWith($"task-{tag}-"))
            .Select(t => t.Id).ToListAsync());
    }

    const int EventsPerCall = 64, CallsInFlight = 4;

    static async Task DeliverManyAsync(RuntimeHost runtime, string[] correlations)
    {
        var results = await runtime.Runtime.DeliverEventsAsync([.. correlations.Select(c => new DeliverEventRequest(Definitions.GoEvent, c, "go-" + c))]);
        if (results.Any(r => r.Resumed != 1)) throw new InvalidOperationException($"a batch of {correlations.Length} events resumed {results.Sum(r => r.Resumed)}");
    }

    static async Task DeliverAsync(RuntimeHost runtime, string correlation)
    {
        var result = await runtime.Runtime.DeliverEventAsync(new DeliverEventRequest(Definitions.GoEvent, correlation, "go-" + correlation));
        if (result.Resumed != 1) throw new InvalidOperationException($"event for {correlation} resumed {result.Resumed}");
    }

    static async Task CompleteAsync(RuntimeHost runtime, Guid task, WorkflowActor officer)
    {
        var result = await runtime.Runtime.CompleteTaskAsync(new CompleteTaskRequest(task, "done", officer));
        if (result.Status != TaskActionStatus.Completed || result.InstanceStatus != WorkflowStatus.Finished)
            throw new InvalidOperationException($"completion: {result.Status}, instance {result.InstanceStatus}");
    }
}
