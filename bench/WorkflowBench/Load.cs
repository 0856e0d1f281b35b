using System.Diagnostics;
using System.Globalization;

namespace PublicServices.Bench.Workflow;

/// <summary>What one load produced: how many operations in how long, and each one's latency.</summary>
public sealed class LoadResult(int count, double seconds, long[] latencyTicks, int failures, string? firstFailure)
{
    public int Count { get; } = count;
    public double Seconds { get; } = seconds;
    public int Failures { get; } = failures;
    public string? FirstFailure { get; } = firstFailure;
    public double PerSecond => Count / Seconds;
    /// <summary>Each operation's time in Stopwatch ticks (to merge rounds).</summary>
    public long[] Ticks { get; } = latencyTicks;
    public Latencies Latency { get; } = new(latencyTicks);

    public string Describe(string unit = "/s") =>
        $"{Format.N(Count)} in {Format.F(Seconds, "0.00")} s = {Format.F(PerSecond, "0")}{unit}" + (Latency.Count > 0 ? $"; latency {Latency}" : "")
        + (Failures > 0 ? $"; {Failures} FAILED, first: {FirstFailure}" : "");
}

/// <summary>Latency percentiles (milliseconds) from Stopwatch ticks.</summary>
public sealed class Latencies
{
    readonly long[] sorted;

    public Latencies(long[] ticks)
    {
        sorted = [.. ticks];
        Array.Sort(sorted);
    }

    public int Count => sorted.Length;

    /// <summary>The q-quantile (nearest rank), in ms; NaN when nothing was timed.</summary>
    public double Ms(double q) => sorted.Length == 0 ? double.NaN
        : sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)] * 1000.0 / Stopwatch.Frequency;

    public double P50 => Ms(0.50);
    public double P99 => Ms(0.99);

    public override string ToString() =>
        $"p50 {Format.F(Ms(0.5), "0.00")} ms, p90 {Format.F(Ms(0.9), "0.00")} ms, p99 {Format.F(Ms(0.99), "0.00")} ms, max {Format.F(Ms(1), "0.00")} ms";
}

/// <summary>Closed loops: each worker runs one operation after the other; a new one starts when one ends.</summary>
public static class Load
{
    /// <summary>Runs <paramref name="operation"/>(sequence number) on <paramref name="workers"/> workers for a while.</summary>
    public static Task<LoadResult> ForAsync(int workers, TimeSpan duration, Func<int, Task> operation) =>
        RunAsync(workers, operation, (n, elapsed) => elapsed < duration, int.MaxValue);

    /// <summary>Runs <paramref name="operation"/> for sequence numbers 0..count-1 on <paramref name="workers"/> workers.</summary>
    public static Task<LoadResult> CountAsync(int workers, int count, Func<int, Task> operation) =>
        RunAsync(workers, operation, (n, _) => true, count);

    static async Task<LoadResult> RunAsync(int workers, Func<int, Task> operation, Func<int, TimeSpan, bool> goOn, int count)
    {
        var next = -1;
        var failures = 0;
        string? firstFailure = null;
        var latencies = new List<long>[workers];
        var clock = Stopwatch.StartNew();
        async Task Worker(int w)
        {
            var mine = latencies[w] = new List<long>(1024);
            await Task.Yield();
            while (goOn(next, clock.Elapsed))
            {
                var i = Interlocked.Increment(ref next);
                if (i >= count) break;
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await operation(i);
                    mine.Add(Stopwatch.GetTimestamp() - started);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    if (Interlocked.Increment(ref failures) == 1) firstFailure = $"{e.GetType().Name}: {e.Message}".ReplaceLineEndings(" ");
                }
            }
        }
        await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(() => Worker(w))));
        var seconds = clock.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).ToArray();
        return new LoadResult(all.Length, seconds, all, failures, firstFailure);
    }
}

static class Format
{
    public static string F(double value, string format = "0.0") => value.ToString(format, CultureInfo.InvariantCulture);

    public static string N(long value) => value.ToString("#,0", CultureInfo.InvariantCulture);
}
