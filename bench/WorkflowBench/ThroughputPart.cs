using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using PublicServices.WorkflowEngine.Persistence;
using PublicServices.WorkflowEngine.Runtime;

namespace PublicServices.Bench.Workflow;

/// <summary>
/// Part 1: three-step workflows run to the end. The runtime: each StartAsync runs the flowchart to its end and
/// commits it (instance, journal) before it returns: durable on PostgreSQL. WorkflowCore: StartWorkflow, then
/// its WorkflowCompleted life-cycle event; in memory. Two shapes on both sides: a closed loop (each worker starts
/// the next when its last one completed) and a batch (max throughput).
/// </summary>
public static class ThroughputPart
{
    const string Part = "1";

    public static async Task RunAsync(WorkflowBenchOptions o, RuntimeHost runtime, Report report)
    {
        var warmup = TimeSpan.FromSeconds(o.WarmupSeconds);
        var measure = TimeSpan.FromSeconds(o.MeasureSeconds);
        var run = 0;
        Task Ours(int i, string tag) => StartThreeStepsAsync(runtime, $"{tag}-{run}-{i}");

        // Warm-up (JIT, pools, prepared statements); the peer's on a host thrown away afterwards.
        await using (var peer = await PeerHost.StartAsync())
            await Load.ForAsync(o.Concurrency, warmup, i => peer.RunThreeStepsAsync("warm-" + i));
        await Load.ForAsync(o.Concurrency, warmup, i => Ours(i, "warm"));

        LoadResult? peerLoop = null, oursLoop = null, peerMax = null, oursMax = null;
        for (run = 1; run <= o.Rounds; run++)
        {
            await using (var peer = await PeerHost.StartAsync())
            {
                var cpu = Cpu.Start(o);
                var r = await Load.ForAsync(o.Concurrency, measure, i => peer.RunThreeStepsAsync($"loop-{run}-{i}"));
                report.Note(Part, $"round {run}, WorkflowCore closed loop ×{o.Concurrency}: {r.Describe()}; {cpu.Summary(r.Count)}");
                peerLoop = Best(peerLoop, r);
            }
            {
                var cpu = Cpu.Start(o);
                var r = await Load.ForAsync(o.Concurrency, measure, i => Ours(i, "loop"));
                report.Note(Part, $"round {run}, runtime closed loop ×{o.Concurrency}: {r.Describe()}; {cpu.Summary(r.Count)}");
                oursLoop = Best(oursLoop, r);
            }
            await using (var peer = await PeerHost.StartAsync())
            {
                var cpu = Cpu.Start(o);
                var r = await PeerBatchAsync(peer, o.BatchSize, run);
                report.Note(Part, $"round {run}, WorkflowCore batch of {Format.N(o.BatchSize)} started at once: {r.Describe()}; {cpu.Summary(r.Count)}");
                peerMax = Best(peerMax, r);
            }
            {
                var cpu = Cpu.Start(o);
                var r = await Load.CountAsync(o.MaxConcurrency, o.BatchSize, i => Ours(i, "max"));
                report.Note(Part, $"round {run}, runtime batch of {Format.N(o.BatchSize)}, ×{o.MaxConcurrency} in flight: {r.Describe()}; {cpu.Summary(r.Count)}");
                oursMax = Best(oursMax, r);
            }
        }

        var finished = await runtime.WithDbAsync(db => db.Set<WorkflowInstance>()
            .CountAsync(i => i.DefinitionId == Definitions.ThreeSteps && i.Status == WorkflowStatus.Finished));
        report.Note(Part, $"check: {Format.N(finished)} three-step instances stored as Finished (warm-up included)");
        Row(report, Part, $"Durable 3-step workflows/s, closed loop ×{o.Concurrency}", oursLoop!, peerLoop!);
        Row(report, Part, $"Durable 3-step workflows/s, max (batch of {Format.N(o.BatchSize)})", oursMax!, peerMax!);
    }

    /// <summary>Starts a three-step instance; it must have finished when the call returns.</summary>
    static async Task StartThreeStepsAsync(RuntimeHost runtime, string correlation)
    {
        var result = await runtime.Runtime.StartAsync(new StartWorkflowRequest(Definitions.ThreeSteps, correlation, RuntimeHost.Starter)
        {
            Unit = "BENCH.RUN", Reference = correlation,
        });
        if (result.InstanceStatus != WorkflowStatus.Finished) throw new InvalidOperationException($"instance ended the call {result.InstanceStatus}");
    }

    /// <summary>All workflows handed to WorkflowCore at once; the time runs until the last one completed.</summary>
    static async Task<LoadResult> PeerBatchAsync(PeerHost peer, int count, int run)
    {
        var done = new Task[count];
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var reference = $"max-{run}-{i}";
            done[i] = peer.Watch(reference);
            await peer.StartThreeStepsAsync(reference);
        }
        await Task.WhenAll(done).WaitAsync(TimeSpan.FromMinutes(2));
        return new LoadResult(count, clock.Elapsed.TotalSeconds, [], 0, null);
    }

    internal static LoadResult Best(LoadResult? best, LoadResult r) => best is null || r.PerSecond > best.PerSecond ? r : best;

    internal static void Row(Report report, string part, string figure, LoadResult ours, LoadResult peer)
    {
        var ratio = ours.PerSecond / peer.PerSecond;
        report.Add(part, figure, $"{Format.F(ours.PerSecond, "0")}/s", $"≥ WorkflowCore in memory: {Format.F(peer.PerSecond, "0")}/s",
            ratio, ratio >= 1.0 && ours.Failures == 0);
    }
}
