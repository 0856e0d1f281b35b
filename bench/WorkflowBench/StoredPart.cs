using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using PublicServices.WorkflowEngine.Runtime;

namespace PublicServices.Bench.Workflow;

/// <summary>
/// Parts 3 and 4: a small and a large store, each its own database filled with copies of runtime-made instances
/// (<see cref="StoredInstances"/>) spread over the agencies: a quarter waiting at each of receive, appraise,
/// payment and approve. Part 3 times task completions (each consumes the task and runs the instance to its next
/// wait: a new task, or the payment bookmark) in rounds that alternate the two stores, so a change in the machine's
/// load touches both alike; the small store is reloaded before each round so it stays at its size and mix. Part 4
/// times the first inbox page (one agency and role, by deadline) on both.
/// </summary>
public static class StoredPart
{
    public static async Task RunAsync(WorkflowBenchOptions o, Report report)
    {
        var capture = new InboxCapture();
        await using var small = await RuntimeHost.CreateAsync(o, "1k");
        await using var large = await RuntimeHost.CreateAsync(o, "1m", db => db.AddInterceptors(capture));
        var smallStore = await StoredInstances.CaptureAsync(small, o.Agencies);
        var largeStore = await StoredInstances.CaptureAsync(large, o.Agencies);

        var cpu = Cpu.Start(o);
        var loaded = await largeStore.LoadAsync(large.ConnectionString, o.LargeStore);
        report.Note("3", $"large store: {loaded}; {cpu.Summary()}");
        report.Note("3", "small store: " + await smallStore.LoadAsync(small.ConnectionString, o.SmallStore));
        report.Note("3", "large store: " + await PrewarmAsync(large.ConnectionString));

        var random = new Random(20261126);
        var usedLarge = new HashSet<int>();
        // Large: distinct copies never touched before. Small: reloaded before each round, so any open task will do.
        List<(Guid TaskId, string Agency, string Role, string Outcome)> Pick(StoredInstances store, int count, HashSet<int>? used)
        {
            var picked = new List<(Guid, string, string, string)>();
            var seen = new HashSet<int>();
            for (var tries = 0; picked.Count < count && tries < count * 50; tries++)
            {
                var i = random.Next(store.Count);
                if (!seen.Add(i) || used?.Add(i) == false) continue;
                if (store.OpenTask(i) is { } task) picked.Add(task);
            }
            return picked;
        }

        if (o.Runs(3))
        {
            // Blocks the large store's completions read from outside shared_buffers (the small store fits in them).
            var blocksBefore = await BlocksReadAsync(large.ConnectionString);
            // Warm-up on both (JIT, pools, prepared statements); the small store is reloaded by the first round.
            foreach (var (host, store, used) in new[] { (small, smallStore, (HashSet<int>?)null), (large, largeStore, usedLarge) })
                await CompleteAsync(host, Pick(store, 200, used), o.LatencyConcurrency);

            var perRound = Math.Max(1, o.LatencySamples / o.LatencyRounds);
            var smallTicks = new List<long>();
            var largeTicks = new List<long>();
            var failures = 0;
            for (var round = 1; round <= o.LatencyRounds; round++)
            {
                await smallStore.LoadAsync(small.ConnectionString, o.SmallStore);
                cpu = Cpu.Start(o);
                var s = await CompleteAsync(small, Pick(smallStore, perRound, null), o.LatencyConcurrency);
                report.Note("3", $"round {round}, {Format.N(o.SmallStore)} stored: {s.Describe()}; {cpu.Summary(s.Count)}");
                cpu = Cpu.Start(o);
                var l = await CompleteAsync(large, Pick(largeStore, perRound, usedLarge), o.LatencyConcurrency);
                report.Note("3", $"round {round}, {Format.N(o.LargeStore)} stored: {l.Describe()}; {cpu.Summary(l.Count)}");
                smallTicks.AddRange(s.Ticks);
                largeTicks.AddRange(l.Ticks);
                failures += s.Failures + l.Failures;
            }
            await Task.Delay(1500); // backends report their I/O counts at most once a second
            var blocksRead = await BlocksReadAsync(large.ConnectionString) - blocksBefore;
            report.Note("3", $"large store: {Format.F(blocksRead / (200.0 + largeTicks.Count), "0.0")} blocks read into PostgreSQL's shared "
                + "buffers per completion, i.e. not found there (the small store stays cached)");
            var (smallLatency, largeLatency) = (new Latencies([.. smallTicks]), new Latencies([.. largeTicks]));
            report.Note("3", $"all rounds, {Format.N(o.SmallStore)} stored: {Format.N(smallLatency.Count)} completions, {smallLatency}");
            report.Note("3", $"all rounds, {Format.N(o.LargeStore)} stored: {Format.N(largeLatency.Count)} completions, {largeLatency}");
            var ratio = largeLatency.P99 / smallLatency.P99;
            report.Add("3", $"p99 task completion, {Format.N(o.LargeStore)} vs {Format.N(o.SmallStore)} instances stored (×{o.LatencyConcurrency} in flight)",
                $"{Format.F(largeLatency.P99, "0.00")} ms vs {Format.F(smallLatency.P99, "0.00")} ms (p50 {Format.F(largeLatency.P50, "0.00")} vs {Format.F(smallLatency.P50, "0.00")} ms)",
                "≤ 1.2 × the small store's p99", ratio, ratio <= 1.2 && failures == 0);
        }

        if (o.Runs(4))
        {
            var results = new Dictionary<string, LoadResult>();
            foreach (var (name, host, store) in new[] { ("small", small, smallStore), ("large", large, largeStore) })
            {
                var queries = Enumerable.Range(0, o.InboxQueries + 200)
                    .Select(_ => (Agency: StoredInstances.AgencyCode(random.Next(o.Agencies)), Role: store.Roles[random.Next(store.Roles.Count)])).ToArray();
                var empty = 0;
                async Task Query(int i)
                {
                    var (agency, role) = queries[i];
                    var page = await host.Queries.InboxAsync(new InboxQuery(agency, [role], $"{role}@{agency}") { PageSize = 20 });
                    if (page.Items.Count == 0) Interlocked.Increment(ref empty);
                }
                await Load.CountAsync(o.InboxConcurrency, 200, Query);
                cpu = Cpu.Start(o);
                var r = await Load.CountAsync(o.InboxConcurrency, o.InboxQueries, i => Query(i + 200));
                var size = name == "small" ? o.SmallStore : o.LargeStore;
                report.Note("4", $"inbox first page (20, by deadline), {Format.N(size)} stored, ×{o.InboxConcurrency} in flight: {r.Describe()}; "
                    + $"{empty} empty pages; {cpu.Summary()}");
                results[name] = r;
            }
            if (capture.Sql is { } sql)
                report.Note("4", "plan of the inbox query at the large store: " + await ExplainAsync(large.ConnectionString, sql, capture.Parameters));
            var p99 = results["large"].Latency.P99;
            report.Add("4", $"p99 inbox query (agency + role, first page by due date), {Format.N(o.LargeStore)} instances stored (×{o.InboxConcurrency} in flight)",
                $"{Format.F(p99, "0.00")} ms (small store: {Format.F(results["small"].Latency.P99, "0.00")} ms)", "≤ 50 ms", p99 / 50,
                p99 <= 50 && results["large"].Failures == 0);
        }
    }

    static Task<LoadResult> CompleteAsync(RuntimeHost host, List<(Guid TaskId, string Agency, string Role, string Outcome)> tasks, int concurrency) =>
        Load.CountAsync(concurrency, tasks.Count, async i =>
        {
            var (taskId, agency, role, outcome) = tasks[i];
            var result = await host.Runtime.CompleteTaskAsync(new CompleteTaskRequest(taskId, outcome, RuntimeHost.Officer(agency, role)));
            if (result.Status != TaskActionStatus.Completed) throw new InvalidOperationException($"completion of a stored task: {result.Status}");
        });

    /// <summary>
    /// Reads every table and index of a store into shared_buffers (pg_prewarm), as they are on a server that has been
    /// serving these instances: a fresh bulk load leaves them on disk only (and this machine's host reclaims page cache
    /// it sees unused, so a first read is a disk read). Part 3 then compares the runtime's work per completion at both
    /// sizes, not a cold disk against a warm cache. When the store does not fit, the note says so and the blocks read
    /// per completion show what that cost.
    /// </summary>
    static async Task<string> PrewarmAsync(string connectionString)
    {
        await using var db = new NpgsqlConnection(connectionString);
        await db.OpenAsync();
        await using (var create = new NpgsqlCommand("CREATE EXTENSION IF NOT EXISTS pg_prewarm", db))
            await create.ExecuteNonQueryAsync();
        var started = System.Diagnostics.Stopwatch.StartNew();
        await using var warm = new NpgsqlCommand("""
            SELECT coalesce(sum(pg_prewarm(c.oid)), 0)::bigint, current_setting('shared_buffers'),
                (SELECT setting::bigint FROM pg_settings WHERE name = 'shared_buffers'), pg_database_size(current_database()) / 8192
            FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'i', 't')
            """, db) { CommandTimeout = 600 };
        await using var reader = await warm.ExecuteReaderAsync();
        await reader.ReadAsync();
        var (blocks, setting, buffers, size) = (reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3));
        return $"{Format.N(blocks * 8 / 1024)} MB prewarmed into shared_buffers ({setting}) in {Format.F(started.Elapsed.TotalSeconds, "0.0")} s"
            + (size < buffers ? "" : $"; the database ({Format.N(size * 8 / 1024)} MB) does not fit, so completions also read from disk");
    }

    static async Task<long> BlocksReadAsync(string connectionString)
    {
        await using var db = new NpgsqlConnection(connectionString);
        await db.OpenAsync();
        await using var sum = new NpgsqlCommand("SELECT coalesce(sum(heap_blks_read + coalesce(idx_blks_read, 0) + coalesce(toast_blks_read, 0) "
            + "+ coalesce(tidx_blks_read, 0)), 0)::bigint FROM pg_statio_user_tables", db);
        return (long)(await sum.ExecuteScalarAsync())!;
    }

    static async Task<string> ExplainAsync(string connectionString, string sql, IReadOnlyList<(string Name, object? Value, NpgsqlTypes.NpgsqlDbType Type)> parameters)
    {
        await using var db = new NpgsqlConnection(connectionString);
        await db.OpenAsync();
        await using var explain = new NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + sql, db);
        foreach (var (name, value, type) in parameters) explain.Parameters.Add(new NpgsqlParameter(name, type) { Value = value ?? DBNull.Value });
        var lines = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync();
        while (await reader.ReadAsync()) lines.Add(reader.GetString(0).Trim());
        return "`" + string.Join(" | ", lines) + "`";
    }

    /// <summary>Keeps the first inbox query the runtime sends (SQL and parameters), to show its plan.</summary>
    sealed class InboxCapture : DbCommandInterceptor
    {
        public string? Sql { get; private set; }
        public IReadOnlyList<(string Name, object? Value, NpgsqlTypes.NpgsqlDbType Type)> Parameters { get; private set; } = [];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (Sql is null && command.CommandText.Contains("FROM workflow_tasks", StringComparison.Ordinal)
                && command.CommandText.Contains("ORDER BY", StringComparison.Ordinal) && command.CommandText.Contains("LIMIT", StringComparison.Ordinal))
            {
                Parameters = [.. command.Parameters.Cast<NpgsqlParameter>().Select(p => (p.ParameterName, p.Value, p.NpgsqlDbType))];
                Sql = command.CommandText;
            }
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
