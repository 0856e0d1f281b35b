using System.Diagnostics;
using System.Text;
using Npgsql;

namespace PublicServices.Bench;

/// <summary>
/// Part 3: a business client submits dossiers through the gateway from many concurrent workers, each with a fresh
/// Idempotency-Key; then PostgreSQL must hold exactly one distinct code per accepted submission.
/// </summary>
public static class SubmissionPart
{
    const string Part = "3";

    sealed record LoadResult(double Seconds, long[] LatencyTicks, Dictionary<int, int> Statuses, int Exceptions,
        List<string> Codes, string? FirstFailure)
    {
        public int Accepted => Statuses.GetValueOrDefault(201);
        public int Errors => Statuses.Where(s => s.Key != 201).Sum(s => s.Value) + Exceptions;
    }

    public static async Task RunAsync(BenchOptions o, Api api, Report report)
    {
        var token = await api.BusinessTokenAsync();
        var (procedure, form) = await Requests.ProcedureAndFormAsync(api, o.SubmitProcedure, o.SubmitForm);
        var mandatory = Requests.RequiredDocuments(procedure).Where(Requests.IsMandatory).Select(d => d["code"]?.ToString()).ToList();
        if (mandatory.Count > 0)
            throw new InvalidOperationException($"procedure {o.SubmitProcedure} requires documents ({string.Join(", ", mandatory)}): "
                + "pick one whose documents are all optional (BENCH_SubmitProcedure)");
        var body = Requests.SubmissionBody(o.SubmitProcedure, form, []);

        // One submission first, so a wrong form stops the part with the service's own explanation.
        var (status, answer, _) = await SubmitAsync(api, token, body);
        if (status != 201)
            throw new InvalidOperationException($"a single submission answered {status}: {Api.Trim(answer)} (form sent: {Encoding.UTF8.GetString(body)})");
        var accepted = new List<string> { CodeOf(answer) ?? throw new InvalidOperationException("the 201 answer has no code: " + Api.Trim(answer)) };

        var warm = await LoadAsync(api, token, body, o.SubmitConcurrency, TimeSpan.FromSeconds(o.SubmitWarmupSeconds));
        accepted.AddRange(warm.Codes);
        if (warm.FirstFailure is not null)
            report.Note(Part, "first failure in the warm-up: " + warm.FirstFailure);

        // Window 1: everything on the two cores, the workflow service starting an instance for every dossier as its
        // events arrive. Window 2: the workflow service paused (SIGSTOP), as if it ran on its own hosts, which is how
        // production runs it: this is the submission path the target names (form, code, timeline, outbox event); its
        // events wait in the outbox and are delivered when the service resumes.
        var shared = await MeasureAsync(o, api, token, body, report, "workflow service running on the same cores");
        accepted.AddRange(shared.Codes);
        var workflowPid = o.Pids.GetValueOrDefault("workflow");
        Signal(workflowPid, "STOP");
        LoadResult alone;
        try
        {
            alone = await MeasureAsync(o, api, token, body, report, "workflow service paused");
        }
        finally
        {
            Signal(workflowPid, "CONT");
        }
        accepted.AddRange(alone.Codes);

        foreach (var (run, label) in new[] { (alone, "the submission path: workflow service paused"), (shared, "with the workflow service on the same 2 cores") })
        {
            var perSecond = run.Accepted / run.Seconds;
            var p99 = Percentile(run, 0.99);
            report.Add(Part, $"Submissions/s through the gateway ({o.SubmitConcurrency} concurrent), {label}",
                Format.F(perSecond, "0") + "/s", "≥ 1,000/s", Format.F(perSecond / 1000, "0.000"), perSecond >= 1000);
            report.Add(Part, $"Submission latency p99 (p50), {label}", $"{Format.F(p99)} ms ({Format.F(Percentile(run, 0.5))} ms)", "≤ 150 ms",
                Format.F(p99 / 150, "0.000"), p99 <= 150);
        }
        var errors = warm.Errors + shared.Errors + alone.Errors;
        report.Add(Part, "Failed submissions (warm-up + both windows)", errors.ToString(System.Globalization.CultureInfo.InvariantCulture), "0", "—", errors == 0);

        await CheckCodesAsync(o, accepted, report);
        await CheckDeliveryAsync(o, accepted.Count, report);
    }

    /// <summary>
    /// Every accepted dossier's DossierSubmitted event reaches the workflow service, which starts one instance per
    /// dossier: how many were still waiting in the outbox when the load stopped, and how long they took to drain.
    /// </summary>
    static async Task CheckDeliveryAsync(BenchOptions o, int accepted, Report report)
    {
        await using var dossiers = await ServiceDb.OpenAsync(o, "dossiers");
        await using var workflow = await ServiceDb.OpenAsync(o, "workflow");
        const string Pending = "select count(*) from outbox_messages where dispatched_at is null";
        const string Started = "select count(*) from workflow_instances";
        var clock = Stopwatch.StartNew();
        var pendingAtStop = await ServiceDb.CountAsync(dossiers, Pending);
        var pending = pendingAtStop;
        while (pending > 0 && clock.Elapsed < TimeSpan.FromSeconds(o.DeliveryDrainSeconds))
        {
            await Task.Delay(250);
            pending = await ServiceDb.CountAsync(dossiers, Pending);
        }
        var drained = clock.Elapsed.TotalSeconds;
        var started = await ServiceDb.CountAsync(workflow, Started);
        var poisoned = await ServiceDb.CountAsync(dossiers, "select count(*) from outbox_messages where poisoned");
        report.Note(Part, $"DossierSubmitted events: {pendingAtStop} still in the outbox when the load stopped, "
            + (pending == 0 ? $"all delivered {Format.F(drained)} s later" : $"{pending} still undelivered after {o.DeliveryDrainSeconds} s")
            + $"; {poisoned} poisoned; {started} workflow instances for {accepted} accepted dossiers");
        report.Add(Part, "Workflow instances started = accepted dossiers (events drained after the load)",
            $"{started} = {accepted} (drained in {Format.F(drained)} s)", "all, none poisoned", "—", pending == 0 && poisoned == 0 && started == accepted);
    }

    static async Task<LoadResult> MeasureAsync(BenchOptions o, Api api, string token, byte[] body, Report report, string label)
    {
        var probe = CpuProbe.Start(o, "gateway", "dossiers", "identity", "catalog", "documents", "workflow", "postgres", "bench");
        var run = await LoadAsync(api, token, body, o.SubmitConcurrency, TimeSpan.FromSeconds(o.SubmitSeconds));
        var cpu = probe.Summary();
        var perSubmission = string.Join(", ", probe.Seconds().Select(c => $"{c.Key} {Format.F(c.Value * 1000 / Math.Max(1, run.Accepted), "0.00")}"));
        Array.Sort(run.LatencyTicks);
        report.Note(Part, $"{label}: {o.SubmitConcurrency} workers for {Format.F(run.Seconds)} s: "
            + $"{run.Accepted} accepted, {Format.F(run.Accepted / run.Seconds, "0")}/s, latency p50 {Format.F(Percentile(run, 0.5))} ms, "
            + $"p90 {Format.F(Percentile(run, 0.9))} ms, p99 {Format.F(Percentile(run, 0.99))} ms, max {Format.F(Percentile(run, 1.0))} ms; "
            + $"statuses {string.Join(", ", run.Statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"))}"
            + (run.Exceptions > 0 ? $", {run.Exceptions} transport errors" : ""));
        report.Note(Part, $"{label}: latency histogram (ms): " + Histogram(run.LatencyTicks));
        report.Note(Part, $"{label}: " + cpu);
        report.Note(Part, $"{label}: CPU ms per accepted submission: " + perSubmission);
        if (run.FirstFailure is not null)
            report.Note(Part, $"{label}: first failure: " + run.FirstFailure);
        return run;
    }

    /// <summary>The latency at quantile q of a run whose ticks are sorted, in ms.</summary>
    static double Percentile(LoadResult run, double q) => run.LatencyTicks.Length == 0 ? double.NaN
        : run.LatencyTicks[Math.Min(run.LatencyTicks.Length - 1, (int)(q * run.LatencyTicks.Length))] * 1000.0 / Stopwatch.Frequency;

    /// <summary>Pauses (STOP) or resumes (CONT) a process started by bench/run.sh.</summary>
    static void Signal(int pid, string signal)
    {
        if (pid <= 0)
            throw new InvalidOperationException("the workflow service's pid is unknown (BENCH_Pids__workflow)");
        using var kill = Process.Start("kill", $"-{signal} {pid}") ?? throw new InvalidOperationException("kill could not start");
        kill.WaitForExit();
        if (kill.ExitCode != 0)
            throw new InvalidOperationException($"kill -{signal} {pid} failed");
    }

    static async Task<(int Status, string Body, long Ticks)> SubmitAsync(Api api, string token, byte[] body)
    {
        using var request = Requests.Submission(api, token, body, Guid.NewGuid().ToString("N"));
        var started = Stopwatch.GetTimestamp();
        using var response = await api.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text, Stopwatch.GetTimestamp() - started);
    }

    static async Task<LoadResult> LoadAsync(Api api, string token, byte[] body, int workers, TimeSpan duration)
    {
        var clock = Stopwatch.StartNew();
        var results = await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            var latencies = new List<long>(4096);
            var statuses = new Dictionary<int, int>();
            var codes = new List<string>(4096);
            var exceptions = 0;
            string? failure = null;
            while (clock.Elapsed < duration)
            {
                try
                {
                    var (status, text, ticks) = await SubmitAsync(api, token, body);
                    latencies.Add(ticks);
                    statuses[status] = statuses.GetValueOrDefault(status) + 1;
                    if (status == 201 && CodeOf(text) is { } code)
                        codes.Add(code);
                    else
                        failure ??= $"{status}: {Api.Trim(text)}";
                }
                catch (HttpRequestException e)
                {
                    exceptions++;
                    failure ??= e.Message;
                }
            }
            return (latencies, statuses, codes, exceptions, failure);
        })));
        var seconds = clock.Elapsed.TotalSeconds;
        var merged = new Dictionary<int, int>();
        foreach (var r in results)
            foreach (var (status, count) in r.statuses)
                merged[status] = merged.GetValueOrDefault(status) + count;
        return new LoadResult(seconds, results.SelectMany(r => r.latencies).ToArray(), merged, results.Sum(r => r.exceptions),
            results.SelectMany(r => r.codes).ToList(), results.Select(r => r.failure).FirstOrDefault(f => f is not null));
    }

    static string? CodeOf(string json) => Requests.Property(json, "code");

    static string Histogram(long[] sortedTicks)
    {
        double[] edges = [5, 10, 20, 50, 100, 150, 250, 500, 1000];
        var counts = new int[edges.Length + 1];
        foreach (var t in sortedTicks)
        {
            var ms = t * 1000.0 / Stopwatch.Frequency;
            var i = 0;
            while (i < edges.Length && ms >= edges[i]) i++;
            counts[i]++;
        }
        var labels = edges.Select((e, i) => i == 0 ? $"<{e}" : $"{edges[i - 1]}–{e}").Append($"≥{edges[^1]}");
        return string.Join(", ", labels.Zip(counts).Where(p => p.Second > 0).Select(p => $"{p.First}: {p.Second}"));
    }

    /// <summary>Every accepted submission holds exactly one code, and no two dossiers share one.</summary>
    static async Task CheckCodesAsync(BenchOptions o, List<string> accepted, Report report)
    {
        await using var db = await ServiceDb.OpenAsync(o, "dossiers");
        var (table, column) = (o.DossierTable, o.DossierCodeColumn);
        if (string.IsNullOrEmpty(table) || string.IsNullOrEmpty(column))
        {
            await using var find = new NpgsqlCommand("""
                select table_name, column_name from information_schema.columns
                where table_schema = 'public' and lower(column_name) = 'code' and lower(table_name) like '%dossier%'
                order by (lower(table_name) = 'dossiers') desc, length(table_name) limit 1
                """, db);
            await using var r = await find.ExecuteReaderAsync();
            if (!await r.ReadAsync())
                throw new InvalidOperationException("no dossier table with a code column found; set BENCH_DossierTable and BENCH_DossierCodeColumn");
            (table, column) = (r.GetString(0), r.GetString(1));
        }
        var t = $"\"{table}\"";
        var c = $"\"{column}\"";
        var stored = new List<string>();
        long withoutCode = 0;
        await using (var all = new NpgsqlCommand($"select {c} from {t}", db))
        await using (var r = await all.ExecuteReaderAsync())
            while (await r.ReadAsync())
                if (r.IsDBNull(0)) withoutCode++; else stored.Add(r.GetString(0));

        var distinctStored = stored.Distinct(StringComparer.Ordinal).Count();
        var storedSet = stored.ToHashSet(StringComparer.Ordinal);
        var distinctAccepted = accepted.Distinct(StringComparer.Ordinal).Count();
        var missing = accepted.Count(code => !storedSet.Contains(code));
        var ok = stored.Count == accepted.Count && distinctStored == stored.Count && distinctAccepted == accepted.Count
            && missing == 0 && withoutCode == 0;
        report.Note(Part, $"PostgreSQL {table}.{column}: {stored.Count} rows with a code, {distinctStored} distinct, {withoutCode} without; "
            + $"{accepted.Count} answers 201 with {distinctAccepted} distinct codes, {missing} of them not in the table");
        var dups = stored.GroupBy(x => x, StringComparer.Ordinal).Where(g => g.Count() > 1).Take(3).Select(g => $"{g.Key}×{g.Count()}").ToList();
        if (dups.Count > 0)
            report.Note(Part, "duplicated codes, e.g.: " + string.Join(", ", dups));
        report.Add(Part, "Dossier codes in PostgreSQL: rows = distinct codes = 201 answers",
            $"{stored.Count} = {distinctStored} = {accepted.Count}", "all equal, none missing", "—", ok);
    }
}
