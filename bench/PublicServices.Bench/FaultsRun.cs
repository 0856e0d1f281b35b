using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Minio;
using Minio.DataModel.Args;

namespace PublicServices.Bench;

/// <summary>
/// The fault suite's client side (bench/faults.sh injects the faults): business clients file dossiers with a small
/// PDF each, retrying with the same Idempotency-Key on every answer that says to retry, while services are killed,
/// PostgreSQL restarts and the object store is down. Then the outboxes must drain and the databases, the object
/// store and the answers the clients saw must agree: each accepted dossier once, its document intact, every event
/// delivered, one live workflow instance per dossier, no refusal that did not say to retry.
/// </summary>
public static class FaultsRun
{
    /// <summary>One accepted dossier as its client saw it.</summary>
    sealed record Accepted(string Key, Guid DossierId, string Code, IReadOnlyList<(Guid Id, string Sha256)> Documents);

    /// <summary>Counts of every answer by step and status, and the answers that did not say to retry.</summary>
    sealed class Tally
    {
        public readonly ConcurrentDictionary<string, int> Answers = new(StringComparer.Ordinal);
        public readonly ConcurrentQueue<string> Unretryable = new();
        public readonly ConcurrentQueue<string> Inconsistent = new();
        public int Retries;
        public int GaveUp;

        public void Count(string key) => Answers.AddOrUpdate(key, 1, (_, n) => n + 1);
    }

    static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(35);

    public static async Task<int> RunAsync(BenchOptions o)
    {
        var report = new Report("PublicServices fault suite", "FAIL",
            "Notes (fault times are seconds since the load started; \"transport\" is a connection refused, reset or timed out):");
        using var api = new Api(o);
        var tally = new Tally();
        var deadline = TimeSpan.FromSeconds(o.FaultsSubmissionDeadlineSeconds);

        var token = await RetryAsync(api.BusinessTokenAsync, deadline);
        var (procedureCode, procedure, form, requirements) = await ChooseProcedureAsync(o, api, deadline);
        report.Note("load", $"procedure {procedureCode}, one PDF for each of: {string.Join(", ", requirements)}; "
            + $"{o.FaultsWorkers} workers for at least {o.FaultsSeconds} s and until the faults are done");

        var accepted = new ConcurrentBag<Accepted>();
        var attempted = 0;
        var clock = Stopwatch.StartNew();
        var faultsDone = false;
        var workers = Enumerable.Range(0, o.FaultsWorkers).Select(w => Task.Run(async () =>
        {
            while (clock.Elapsed < TimeSpan.FromSeconds(o.FaultsSeconds) || !Volatile.Read(ref faultsDone))
            {
                Interlocked.Increment(ref attempted);
                if (await FileOneAsync(api, token, procedureCode, form, requirements, tally, deadline) is { } one)
                    accepted.Add(one);
                else
                    Interlocked.Increment(ref tally.GaveUp);
            }
        })).ToList();
        while (workers.Any(t => !t.IsCompleted))
        {
            await Task.WhenAny(Task.WhenAll(workers), Task.Delay(1000));
            if (!faultsDone && FaultsFinished(o))
                Volatile.Write(ref faultsDone, true);
            if (clock.Elapsed > TimeSpan.FromSeconds(o.FaultsSeconds + o.FaultsMaxExtraSeconds))
                Volatile.Write(ref faultsDone, true); // the injector hung: stop, and the fault count check says so
        }
        await Task.WhenAll(workers);
        var loadSeconds = clock.Elapsed.TotalSeconds;
        var all = accepted.ToList();

        report.Note("load", $"{attempted} dossiers attempted in {Format.F(loadSeconds)} s, {all.Count} accepted "
            + $"({Format.F(all.Count / loadSeconds)}/s), {tally.Retries} retried requests, {tally.GaveUp} given up after {o.FaultsSubmissionDeadlineSeconds} s");
        report.Note("load", "answers: " + string.Join(", ", tally.Answers.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key} ×{a.Value}")));
        var faults = ReadFaults(o);
        foreach (var line in faults)
            report.Note("faults", line);

        // Faults injected as the suite asks: every replica of every killed service at least three times, PostgreSQL
        // restarted, the object store down for 30 s.
        var kills = faults.Where(f => f.Contains(" SIGKILL ", StringComparison.Ordinal))
            .Select(f => f.Split(' ', StringSplitOptions.RemoveEmptyEntries)[2]).GroupBy(n => n, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var replicas = o.FaultsReplicas.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var fewest = replicas.Length == 0 ? 0 : replicas.Min(r => kills.GetValueOrDefault(r));
        report.Add("faults", "Every replica killed with SIGKILL at least 3 times",
            $"{kills.Values.Sum()} kills, fewest per replica {fewest} ({replicas.Length} replicas)", "≥ 3 each", "—", fewest >= 3);
        var pgRestarts = faults.Count(f => f.Contains(" postgres restarted", StringComparison.Ordinal));
        var s3Outages = faults.Count(f => f.Contains(" s3rver started", StringComparison.Ordinal));
        report.Add("faults", "PostgreSQL restarted, object store down 30 s", $"{pgRestarts} restart(s), {s3Outages} outage(s)", "≥ 1 each", "—",
            pgRestarts >= 1 && s3Outages >= 1);

        var unretryable = tally.Unretryable.ToList();
        foreach (var u in unretryable.Take(10))
            report.Note("answers", "did not say to retry: " + u);
        report.Add("answers", "Every refusal said to retry (502/503/504/429 problem+json, or a transport error)",
            $"{unretryable.Count} that did not", "0", "—", unretryable.Count == 0);
        var inconsistent = tally.Inconsistent.ToList();
        foreach (var i in inconsistent.Take(10))
            report.Note("answers", "inconsistent: " + i);
        report.Add("answers", "No submission given up; one code per Idempotency-Key; uploads answered with their SHA-256",
            $"{tally.GaveUp} given up, {inconsistent.Count} inconsistent", "0", "—", tally.GaveUp == 0 && inconsistent.Count == 0);

        var drained = await DrainAsync(o, report);
        await CheckDossiersAsync(o, all, report);
        await CheckDocumentsAsync(o, all, report);
        await CheckWorkflowAsync(o, all, report);
        report.Add("events", "Outboxes drained after the load (dossiers, workflow): none pending, none poisoned",
            drained.Text, "0 pending, 0 poisoned", "—", drained.Ok);

        await report.PublishAsync(o.RunLabel, o.ResultsFile);
        if (!string.IsNullOrEmpty(o.TrxFile))
            report.WriteTrx(o.TrxFile, "Faults");
        return report.AllPassed ? 0 : 1;
    }

    /// <summary>One dossier: upload its PDFs, then submit with one Idempotency-Key until accepted or the deadline.</summary>
    static async Task<Accepted?> FileOneAsync(Api api, string token, string procedureCode, JsonNode? form, IReadOnlyList<string> requirements,
        Tally tally, TimeSpan deadline)
    {
        var until = DateTime.UtcNow + deadline;
        var documents = new List<(string Requirement, Guid Id, string Sha256)>();
        foreach (var requirement in requirements)
        {
            var (bytes, sha) = SmallPdf.Make($"Faults bench {Guid.NewGuid():N} {requirement} {DateTime.UtcNow:O}");
            var answer = await SendAsync(api, "upload", () => Requests.Upload(api, token, procedureCode, requirement,
                new ByteArrayContent(bytes), "giay-to.pdf"), s => s == 201, tally, until);
            if (answer is not { } a)
                return null;
            var id = Requests.Property(a, "id");
            var stored = Requests.Property(a, "sha256");
            if (!Guid.TryParse(id, out var documentId) || !string.Equals(stored, sha, StringComparison.OrdinalIgnoreCase))
            {
                tally.Inconsistent.Enqueue($"upload answered id {id} sha256 {stored}, sent {sha}");
                return null;
            }
            documents.Add((requirement, documentId, sha));
        }
        var key = Guid.NewGuid().ToString("N");
        var body = Requests.SubmissionBody(procedureCode, form, documents.Select(d => (d.Requirement, d.Id)));
        string? code = null;
        Guid dossierId = default;
        // Sent once more after the first acceptance: the replay must give the same dossier.
        for (var round = 0; round < 2; round++)
        {
            var answer = await SendAsync(api, "submit", () => Requests.Submission(api, token, body, key), s => s is 200 or 201, tally, until);
            if (answer is not { } a)
                return code is null ? null : new Accepted(key, dossierId, code, [.. documents.Select(d => (d.Id, d.Sha256))]);
            var (c, id) = (Requests.Property(a, "code"), Requests.Property(a, "id"));
            if (c is null || !Guid.TryParse(id, out var parsed))
            {
                tally.Inconsistent.Enqueue($"submission answer without code or id: {Api.Trim(a)}");
                return null;
            }
            if (code is not null && (c != code || parsed != dossierId))
                tally.Inconsistent.Enqueue($"key {key}: replay answered {c} ({parsed}), first {code} ({dossierId})");
            (code, dossierId) = (code ?? c, dossierId == default ? parsed : dossierId);
            if (Random.Shared.Next(10) != 0)
                break; // one in ten is replayed on purpose
        }
        return new Accepted(key, dossierId, code!, [.. documents.Select(d => (d.Id, d.Sha256))]);
    }

    /// <summary>
    /// Sends until an answer passes <paramref name="success"/> (its body), or gives up at the deadline (null). What
    /// says to retry is retried: 502, 503, 504, 429 and 408 as problem+json, and transport errors; a 500 is retried too,
    /// as clients do, but counted as an answer that did not say to retry. Any other answer stops (null).
    /// </summary>
    static async Task<string?> SendAsync(Api api, string step, Func<HttpRequestMessage> make, Func<int, bool> success, Tally tally, DateTime until)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (attempt > 0)
                Interlocked.Increment(ref tally.Retries);
            TimeSpan? retryAfter = null;
            try
            {
                using var timeout = new CancellationTokenSource(RequestTimeout);
                using var request = make();
                using var response = await api.Http.SendAsync(request, timeout.Token);
                var body = await response.Content.ReadAsStringAsync(timeout.Token);
                var status = (int)response.StatusCode;
                tally.Count($"{step} {status}");
                if (success(status))
                    return body;
                var problem = response.Content.Headers.ContentType?.MediaType == "application/problem+json";
                var says = status is 502 or 503 or 504 or 429 or 408 && problem;
                if (!says)
                    tally.Unretryable.Enqueue($"{step} {status} {response.Content.Headers.ContentType?.MediaType}: {Api.Trim(body)}");
                if (status is >= 400 and < 500 && !says)
                    return null;
                retryAfter = response.Headers.RetryAfter?.Delta;
                if (retryAfter is null && status == 503)
                    tally.Count($"{step} 503 without Retry-After");
            }
            catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException)
            {
                tally.Count($"{step} transport");
            }
            if (DateTime.UtcNow >= until)
                return null;
            var backoff = TimeSpan.FromMilliseconds(Math.Min(3000, 100 * (1 << Math.Min(attempt, 5))) * (0.5 + Random.Shared.NextDouble()));
            await Task.Delay(retryAfter is { } r && r < TimeSpan.FromSeconds(5) && r > backoff ? r : backoff);
        }
    }

    static async Task<T> RetryAsync<T>(Func<Task<T>> action, TimeSpan deadline)
    {
        var until = DateTime.UtcNow + deadline;
        while (true)
        {
            try
            {
                return await action();
            }
            catch (Exception e) when (e is HttpRequestException or InvalidOperationException && DateTime.UtcNow < until)
            {
                await Task.Delay(1000);
            }
        }
    }

    /// <summary>
    /// A procedure with at least one requirement that takes a PDF and no mandatory one that does not; each dossier
    /// carries a PDF for every mandatory requirement (or for the first PDF one when none is mandatory).
    /// </summary>
    static async Task<(string Code, JsonNode Procedure, JsonNode? Form, List<string> Requirements)> ChooseProcedureAsync(BenchOptions o, Api api,
        TimeSpan deadline)
    {
        foreach (var code in new[] { o.FaultsProcedure, o.SubmitProcedure, o.UploadProcedure }.Where(c => !string.IsNullOrWhiteSpace(c)).Distinct())
        {
            var (procedure, form) = await RetryAsync(() => Requests.ProcedureAndFormAsync(api, code!, o.SubmitForm), deadline);
            var required = Requests.RequiredDocuments(procedure).ToList();
            var pdf = required.Where(r => Requests.Accepts(r, "application/pdf")).ToList();
            if (pdf.Count == 0 || required.Any(r => Requests.IsMandatory(r) && !Requests.Accepts(r, "application/pdf")))
                continue;
            var mandatory = pdf.Where(Requests.IsMandatory).ToList();
            return (code!, procedure, form, [.. (mandatory.Count > 0 ? mandatory : pdf.Take(1)).Select(r => r["code"]!.ToString())]);
        }
        throw new InvalidOperationException("no procedure whose documents can all be PDFs (BENCH_FaultsProcedure)");
    }

    static bool FaultsFinished(BenchOptions o) =>
        File.Exists(o.FaultsLog) && File.ReadLines(o.FaultsLog).Any(l => l.Contains(" done", StringComparison.Ordinal));

    /// <summary>The injector's log (one line per fault: seconds, kind, target, detail), as printed.</summary>
    static List<string> ReadFaults(BenchOptions o) => File.Exists(o.FaultsLog) ? [.. File.ReadLines(o.FaultsLog).Where(l => l.Length > 0)] : [];

    /// <summary>Waits until no outbox row is pending in the dossiers and workflow databases (or the drain time is up).</summary>
    static async Task<(bool Ok, string Text)> DrainAsync(BenchOptions o, Report report)
    {
        await using var dossiers = await ServiceDb.OpenAsync(o, "dossiers");
        await using var workflow = await ServiceDb.OpenAsync(o, "workflow");
        const string Pending = "select count(*) from outbox_messages where dispatched_at is null and not poisoned";
        const string Poisoned = "select count(*) from outbox_messages where poisoned";
        var clock = Stopwatch.StartNew();
        var atStop = (await ServiceDb.CountAsync(dossiers, Pending), await ServiceDb.CountAsync(workflow, Pending));
        var pending = atStop;
        while ((pending.Item1 > 0 || pending.Item2 > 0) && clock.Elapsed < TimeSpan.FromSeconds(o.DeliveryDrainSeconds))
        {
            await Task.Delay(500);
            pending = (await ServiceDb.CountAsync(dossiers, Pending), await ServiceDb.CountAsync(workflow, Pending));
        }
        var drainSeconds = clock.Elapsed.TotalSeconds;
        // The events the workflow's effects raise travel on: a few more seconds let the last of them settle.
        await Task.Delay(TimeSpan.FromSeconds(o.FaultsSettleSeconds));
        pending = (await ServiceDb.CountAsync(dossiers, Pending), await ServiceDb.CountAsync(workflow, Pending));
        var poisoned = (await ServiceDb.CountAsync(dossiers, Poisoned), await ServiceDb.CountAsync(workflow, Poisoned));
        report.Note("events", $"pending when the load stopped: dossiers {atStop.Item1}, workflow {atStop.Item2}; drained in {Format.F(drainSeconds)} s");
        foreach (var (name, db) in new[] { ("dossiers", dossiers), ("workflow", workflow) })
            foreach (var row in await ServiceDb.RowsAsync(db, "select type, attempts, last_error from outbox_messages where poisoned or dispatched_at is null limit 5"))
                report.Note("events", $"{name} outbox left: {row[0]} after {row[1]} attempts: {row[2]}");
        var text = $"drained in {Format.F(drainSeconds)} s; pending {pending.Item1} + {pending.Item2}, poisoned {poisoned.Item1} + {poisoned.Item2}";
        return (pending == (0, 0) && poisoned == (0, 0), text);
    }

    /// <summary>Every accepted dossier is stored exactly once, under the code and id its client was given, and nothing else is.</summary>
    static async Task CheckDossiersAsync(BenchOptions o, List<Accepted> accepted, Report report)
    {
        await using var db = await ServiceDb.OpenAsync(o, "dossiers");
        var rows = await ServiceDb.RowsAsync(db, "select id, code from dossiers");
        var stored = rows.Select(r => ((Guid)r[0]!, (string?)r[1])).ToList();
        var byId = stored.GroupBy(s => s.Item1).ToDictionary(g => g.Key, g => g.ToList());
        var duplicateCodes = stored.Where(s => s.Item2 is not null).GroupBy(s => s.Item2, StringComparer.Ordinal).Count(g => g.Count() > 1);
        var distinctAccepted = accepted.Select(a => a.DossierId).Distinct().Count();
        var missing = accepted.Count(a => !byId.TryGetValue(a.DossierId, out var found) || found.Count != 1 || found[0].Item2 != a.Code);
        var acceptedIds = accepted.Select(a => a.DossierId).ToHashSet();
        var unknown = stored.Count(s => !acceptedIds.Contains(s.Item1));
        var keys = accepted.GroupBy(a => a.Key, StringComparer.Ordinal).Count(g => g.Count() > 1);
        report.Note("dossiers", $"{stored.Count} rows, {distinctAccepted} distinct dossiers accepted ({accepted.Count} answers), "
            + $"{missing} accepted but not stored as answered, {unknown} stored but never accepted, {duplicateCodes} codes used twice");
        report.Add("dossiers", "Every accepted dossier exists exactly once (rows = distinct accepted, none missing, none extra)",
            $"{stored.Count} = {distinctAccepted}", "equal, 0 missing, 0 extra", "—",
            stored.Count == distinctAccepted && distinctAccepted == accepted.Count && missing == 0 && unknown == 0 && duplicateCodes == 0 && keys == 0);
    }

    /// <summary>Each accepted dossier's documents are attached to it, and the object store holds their bytes with the recorded SHA-256.</summary>
    static async Task CheckDocumentsAsync(BenchOptions o, List<Accepted> accepted, Report report)
    {
        await using var db = await ServiceDb.OpenAsync(o, "documents");
        var rows = (await ServiceDb.RowsAsync(db, "select \"Id\", \"DossierId\", \"Sha256\", \"StorageKey\" from documents where \"DossierId\" is not null"))
            .ToDictionary(r => (Guid)r[0]!, r => (Dossier: (Guid?)r[1], Sha: (string)r[2]!, Key: (string)r[3]!));
        var minio = new MinioClient().WithEndpoint(o.S3Endpoint).WithCredentials(o.S3AccessKey, o.S3SecretKey)
            .WithSSL(false).WithRegion("us-east-1").Build();
        var (rowWrong, objectWrong, checkedCount) = (0, 0, 0);
        var problems = new ConcurrentQueue<string>();
        var documents = accepted.SelectMany(a => a.Documents.Select(d => (a, d))).ToList();
        await Parallel.ForEachAsync(documents, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (item, cancel) =>
        {
            var (dossier, (id, sha)) = item;
            if (!rows.TryGetValue(id, out var row) || row.Dossier != dossier.DossierId || !string.Equals(row.Sha, sha, StringComparison.OrdinalIgnoreCase))
            {
                Interlocked.Increment(ref rowWrong);
                problems.Enqueue($"document {id} of {dossier.Code}: row {(rows.ContainsKey(id) ? $"attached to {row.Dossier}, sha256 {row.Sha}" : "missing")}");
                return;
            }
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            try
            {
                await minio.GetObjectAsync(new GetObjectArgs().WithBucket(o.DocumentsBucket).WithObject(row.Key)
                    .WithCallbackStream(async (stream, ct) =>
                    {
                        var buffer = new byte[16384];
                        int n;
                        while ((n = await stream.ReadAsync(buffer, ct)) > 0)
                            hash.AppendData(buffer, 0, n);
                    }), cancel);
                var actual = Convert.ToHexStringLower(hash.GetHashAndReset());
                if (!string.Equals(actual, sha, StringComparison.OrdinalIgnoreCase))
                {
                    Interlocked.Increment(ref objectWrong);
                    problems.Enqueue($"object {row.Key} of {dossier.Code}: sha256 {actual}, uploaded {sha}");
                }
            }
            catch (Minio.Exceptions.MinioException e)
            {
                Interlocked.Increment(ref objectWrong);
                problems.Enqueue($"object {row.Key} of {dossier.Code}: {e.Message}");
            }
            Interlocked.Increment(ref checkedCount);
        });
        foreach (var p in problems.Take(10))
            report.Note("documents", p);
        report.Add("documents", "Every accepted dossier's documents attached to it and in the object store with their SHA-256",
            $"{documents.Count} documents: {rowWrong} rows wrong, {objectWrong} objects wrong", "0 wrong", "—",
            documents.Count > 0 && rowWrong == 0 && objectWrong == 0);
    }

    /// <summary>One workflow instance per accepted dossier, and none stuck: running, faulted, with an open incident, or waiting on nothing.</summary>
    static async Task CheckWorkflowAsync(BenchOptions o, List<Accepted> accepted, Report report)
    {
        await using var db = await ServiceDb.OpenAsync(o, "workflow");
        var instances = (await ServiceDb.RowsAsync(db, "select correlation_id, count(*) from workflow_instances group by correlation_id"))
            .ToDictionary(r => (string?)r[0] ?? "", r => Convert.ToInt64(r[1], CultureInfo.InvariantCulture), StringComparer.OrdinalIgnoreCase);
        var wrong = accepted.Count(a => instances.GetValueOrDefault(a.DossierId.ToString("D")) != 1);
        var acceptedIds = accepted.Select(a => a.DossierId.ToString("D")).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var extra = instances.Keys.Count(k => !acceptedIds.Contains(k));
        report.Add("workflow", "Exactly one workflow instance per accepted dossier", $"{instances.Values.Sum()} instances, {wrong} dossiers without "
            + $"exactly one, {extra} for no accepted dossier", "0, 0", "—", wrong == 0 && extra == 0);

        // Suspended waits for something: an open task, a bookmark (an event) or a timer. Running is only seen inside a burst.
        const string Stuck = """
            select i.id, i.reference, i.status from workflow_instances i
            where i.status in (0, 3)
               or exists (select 1 from workflow_incidents x where x.instance_id = i.id and x.resolved_at is null)
               or (i.status = 1
                   and not exists (select 1 from workflow_tasks t where t.instance_id = i.id and t.status in (0, 1))
                   and not exists (select 1 from workflow_bookmarks b where b.instance_id = i.id)
                   and not exists (select 1 from workflow_timers m where m.instance_id = i.id))
            """;
        var stuck = await ServiceDb.RowsAsync(db, Stuck);
        foreach (var s in stuck.Take(10))
            report.Note("workflow", $"stuck: instance {s[0]} of {s[1]}, status {s[2]}");
        var byStatus = await ServiceDb.RowsAsync(db, "select status, count(*) from workflow_instances group by status order by status");
        report.Note("workflow", "instances by status (0 running, 1 suspended, 2 finished, 3 faulted, 4 cancelled): "
            + string.Join(", ", byStatus.Select(r => $"{r[0]}×{r[1]}")));
        report.Add("workflow", "No workflow instance stuck (running, faulted, open incident, or suspended waiting on nothing)",
            $"{stuck.Count} stuck", "0", "—", stuck.Count == 0);
    }
}
