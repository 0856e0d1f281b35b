using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace PublicServices.Bench;

/// <summary>
/// The IPN benchmark (bench/ipn.sh): invoices with a pending VNPay session each are written straight into the payments
/// database, then signed IPN GETs are fired from <see cref="BenchOptions.IpnConcurrency"/> workers (a closed loop)
/// at the replicas in turn: most report a fresh payment (must answer 00), a share repeat one already answered (02),
/// a share are forged (97). After the load the database must show every effect exactly once.
/// </summary>
public static class IpnRun
{
    const string Part = "ipn";

    enum Kind { Fresh, Duplicate, Forged }

    sealed record Seeded(Guid SessionId, Guid InvoiceId, string TxnRef, long Amount);

    sealed record Sent(Kind Kind, string TxnRef, string Code, long Ticks, bool Measured);

    public static async Task<int> RunAsync(BenchOptions o)
    {
        var replicas = o.IpnReplicas.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (replicas.Length == 0 || string.IsNullOrEmpty(o.IpnHashSecret) || string.IsNullOrEmpty(o.IpnTmnCode))
            throw new InvalidOperationException("BENCH_IpnReplicas, BENCH_IpnHashSecret and BENCH_IpnTmnCode are required");
        var report = new Report("PublicServices IPN benchmark", "FAIL", sharedBy: "the load generator, two payments replicas and PostgreSQL");
        report.Note("run", await ServiceDb.ServerSettingsAsync(o));
        report.Note("run", "load average before: " + LoadAverage());

        var seedClock = Stopwatch.StartNew();
        var forgedCount = Math.Max(1, (int)Math.Ceiling(o.IpnInvoices * o.IpnForgedShare));
        var (fresh, forgedTargets) = await SeedAsync(o, o.IpnInvoices, forgedCount);
        report.Note(Part, $"seeded {fresh.Count} invoices with a pending session each, and {forgedTargets.Count} more that only forged IPNs name, "
            + $"by COPY into {o.DatabasePrefix}payments in {Format.F(seedClock.Elapsed.TotalSeconds)} s");

        using var load = new IpnLoad(o, replicas, fresh, forgedTargets);
        Console.WriteLine($"== warm-up: {o.IpnWarmupSeconds} s");
        await load.RunAsync(TimeSpan.FromSeconds(o.IpnWarmupSeconds), measured: false);
        Console.WriteLine($"== measured: {o.IpnSeconds} s at concurrency {o.IpnConcurrency} over {replicas.Length} replicas");
        var probe = CpuProbe.Start(o, [.. o.Pids.Keys, "postgres", "bench"]);
        var seconds = await load.RunAsync(TimeSpan.FromSeconds(o.IpnSeconds), measured: true);
        var cpu = probe.Summary();
        var cpuSeconds = probe.Seconds();
        var measured = load.Results.Where(r => r.Measured).ToList();
        Figures(o, report, measured, seconds, cpu, cpuSeconds, load);
        report.Note("run", "load average after: " + LoadAverage());

        var checks = await CheckAsync(o, report, load, forgedTargets);
        await report.PublishAsync(o.RunLabel, o.ResultsFile);
        return checks ? 0 : 1;
    }

    static void Figures(BenchOptions o, Report report, List<Sent> measured, double seconds, string cpu, Dictionary<string, double> cpuSeconds,
        IpnLoad load)
    {
        var rate = measured.Count / seconds;
        var ticks = measured.Select(r => r.Ticks).Order().ToArray();
        report.Add(Part, $"IPNs handled per second at concurrency {o.IpnConcurrency} (all outcomes, {o.IpnSeconds} s after {o.IpnWarmupSeconds} s of warm-up)",
            $"{Format.F(rate, "0")}/s (latency p50 {Ms(ticks, 0.5)}, p95 {Ms(ticks, 0.95)}, p99 {Ms(ticks, 0.99)} ms)", $"≥ {o.IpnTarget}/s", Format.F(rate / o.IpnTarget, "0.00") + "×", rate >= o.IpnTarget);
        foreach (var kind in Enum.GetValues<Kind>())
        {
            var ofKind = measured.Where(r => r.Kind == kind).ToList();
            var sorted = ofKind.Select(r => r.Ticks).Order().ToArray();
            report.Note(Part, $"{kind.ToString().ToLowerInvariant()}: {ofKind.Count} ({Format.F(ofKind.Count / seconds, "0")}/s), answers "
                + string.Join(", ", ofKind.GroupBy(r => r.Code).OrderBy(g => g.Key).Select(g => $"{g.Key}×{g.Count()}"))
                + $"; latency p50 {Ms(sorted, 0.5)}, p95 {Ms(sorted, 0.95)}, p99 {Ms(sorted, 0.99)} ms");
        }
        report.Note(Part, $"all: {measured.Count} IPNs in {Format.F(seconds)} s; latency p50 {Ms(ticks, 0.5)} ms, p95 {Ms(ticks, 0.95)} ms, "
            + $"p99 {Ms(ticks, 0.99)} ms, max {Ms(ticks, 1.0)} ms");
        foreach (var (replica, count) in load.PerReplica(measured: true))
            report.Note(Part, $"to {replica}: {count}");
        report.Note(Part, cpu);
        report.Note(Part, "CPU ms per IPN: " + string.Join(", ", cpuSeconds.Select(c => $"{c.Key} {Format.F(c.Value * 1000 / Math.Max(1, measured.Count), "0.00")}")));
        if (load.FreshExhausted)
            report.Note(Part, $"the seeded sessions ran out before the end: raise --IpnInvoices (was {o.IpnInvoices})");
    }

    static string Ms(long[] sorted, double q) => sorted.Length == 0 ? "—"
        : Format.F(sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))] * 1000.0 / Stopwatch.Frequency);

    static string LoadAverage() => File.ReadAllText("/proc/loadavg").Trim();

    /// <summary>
    /// Rows as the service's own session start writes them (SessionStarter): one open invoice, one pending VNPay
    /// session whose txn_ref is its id in 32 hex digits, created in whole seconds, expiring in a day (so reconciliation
    /// leaves them alone). Binary COPY: 100k rows take about a second.
    /// </summary>
    static async Task<(List<Seeded> Fresh, List<Seeded> Forged)> SeedAsync(BenchOptions o, int count, int forged)
    {
        var now = DateTimeOffset.UtcNow;
        var created = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond)).UtcDateTime;
        var random = new Random(13);
        var all = Enumerable.Range(0, count + forged).Select(_ =>
        {
            var id = Guid.CreateVersion7(now);
            return new Seeded(id, Guid.CreateVersion7(now), id.ToString("N"), random.Next(10, 500) * 1_000L);
        }).ToList();
        await using var db = await ServiceDb.OpenAsync(o, "payments");
        await using (var invoices = await db.BeginBinaryImportAsync(
            "COPY invoices (id, request_event_id, dossier_id, dossier_code, agency_code, amount, currency, applicant_id, status, created_at) FROM STDIN (FORMAT BINARY)"))
        {
            var n = 0;
            foreach (var s in all)
            {
                await invoices.StartRowAsync();
                await invoices.WriteAsync(s.InvoiceId, NpgsqlDbType.Uuid);
                await invoices.WriteAsync(Guid.NewGuid(), NpgsqlDbType.Uuid);
                await invoices.WriteAsync(Guid.NewGuid(), NpgsqlDbType.Uuid);
                await invoices.WriteAsync($"000.00.00.H{++n:000000}-261205-0001", NpgsqlDbType.Varchar);
                await invoices.WriteAsync("000.00.00.H01", NpgsqlDbType.Varchar);
                await invoices.WriteAsync(s.Amount, NpgsqlDbType.Bigint);
                await invoices.WriteAsync("VND", NpgsqlDbType.Varchar);
                await invoices.WriteAsync("bench-citizen", NpgsqlDbType.Varchar);
                await invoices.WriteAsync(0, NpgsqlDbType.Integer);
                await invoices.WriteAsync(created, NpgsqlDbType.TimestampTz);
            }
            await invoices.CompleteAsync();
        }
        await using (var sessions = await db.BeginBinaryImportAsync(
            "COPY payment_sessions (id, invoice_id, provider, txn_ref, amount, applicant_id, status, created_at, expires_at, redirect_url, return_path, locale) "
            + "FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var s in all)
            {
                await sessions.StartRowAsync();
                await sessions.WriteAsync(s.SessionId, NpgsqlDbType.Uuid);
                await sessions.WriteAsync(s.InvoiceId, NpgsqlDbType.Uuid);
                await sessions.WriteAsync("vnpay", NpgsqlDbType.Varchar);
                await sessions.WriteAsync(s.TxnRef, NpgsqlDbType.Varchar);
                await sessions.WriteAsync(s.Amount, NpgsqlDbType.Bigint);
                await sessions.WriteAsync("bench-citizen", NpgsqlDbType.Varchar);
                await sessions.WriteAsync(0, NpgsqlDbType.Integer);
                await sessions.WriteAsync(created, NpgsqlDbType.TimestampTz);
                await sessions.WriteAsync(created.AddDays(1), NpgsqlDbType.TimestampTz);
                await sessions.WriteAsync("https://sandbox.vnpayment.vn/paymentv2/vpcpay.html?vnp_TxnRef=" + s.TxnRef, NpgsqlDbType.Varchar);
                await sessions.WriteAsync("/", NpgsqlDbType.Varchar);
                await sessions.WriteAsync("vn", NpgsqlDbType.Varchar);
            }
            await sessions.CompleteAsync();
        }
        await using (var analyze = new NpgsqlCommand("ANALYZE invoices; ANALYZE payment_sessions", db))
            await analyze.ExecuteNonQueryAsync();
        return (all[..count], all[count..]);
    }

    /// <summary>The checks of exactly once, on the database after the load (warm-up included); each a PASS/FAIL row.</summary>
    static async Task<bool> CheckAsync(BenchOptions o, Report report, IpnLoad load, List<Seeded> forgedTargets)
    {
        const string Check = "check";
        var all = load.Results.ToList();
        var ok = true;
        void Add(string figure, string value, bool pass)
        {
            report.Add(Check, figure, value, "—", "—", pass);
            ok &= pass;
        }

        var expected = new Dictionary<Kind, string> { [Kind.Fresh] = "00", [Kind.Duplicate] = "02", [Kind.Forged] = "97" };
        var wrong = all.Where(r => r.Code != expected[r.Kind]).ToList();
        Add("every answer as expected: fresh 00, duplicate 02, forged 97 (warm-up included)",
            $"{all.Count - wrong.Count} of {all.Count}, {load.TransportErrors} transport errors"
            + (wrong.Count > 0 ? "; wrong: " + string.Join(", ", wrong.GroupBy(r => $"{r.Kind}→{r.Code}").Select(g => $"{g.Key}×{g.Count()}")) : ""),
            wrong.Count == 0 && load.TransportErrors == 0);

        await using var db = await ServiceDb.OpenAsync(o, "payments");
        var answered00 = all.Where(r => r.Code == "00").Select(r => r.TxnRef).ToList();
        var paidSessions = (await ServiceDb.RowsAsync(db, "SELECT txn_ref FROM payment_sessions WHERE status = 1")).Select(r => (string)r[0]!).ToHashSet();
        var paidInvoices = await ServiceDb.CountAsync(db, "SELECT count(*) FROM invoices WHERE status = 1");
        Add("answers 00 = sessions paid = invoices paid, the same orders",
            $"{answered00.Count} = {paidSessions.Count} = {paidInvoices}",
            answered00.Count == paidSessions.Count && paidSessions.Count == paidInvoices && answered00.Distinct().Count() == answered00.Count
                && paidSessions.SetEquals(answered00));

        var twice = await ServiceDb.CountAsync(db,
            "SELECT count(*) FROM (SELECT invoice_id FROM payment_sessions WHERE status IN (1, 4) GROUP BY invoice_id HAVING count(*) > 1) t");
        var unlinked = await ServiceDb.CountAsync(db,
            "SELECT count(*) FROM invoices i LEFT JOIN payment_sessions s ON s.id = i.paid_session_id "
            + "WHERE i.status = 1 AND (s.id IS NULL OR s.status <> 1 OR s.invoice_id <> i.id OR s.settled_by <> 'ipn')");
        Add("each session paid at most once: one paid session per paid invoice, linked both ways",
            $"{twice} invoices with more than one paid session, {unlinked} paid invoices not linked to their paid session", twice == 0 && unlinked == 0);

        var outboxRows = await ServiceDb.CountAsync(db, "SELECT count(*) FROM outbox_messages WHERE type = 'PaymentReceived.v1'");
        var notOne = await ServiceDb.CountAsync(db,
            "SELECT count(*) FROM invoices i WHERE i.status = 1 AND "
            + "(SELECT count(*) FROM outbox_messages m WHERE m.id = i.paid_session_id AND m.type = 'PaymentReceived.v1') <> 1");
        var strays = await ServiceDb.CountAsync(db,
            "SELECT count(*) FROM outbox_messages m WHERE NOT EXISTS (SELECT 1 FROM payment_sessions s WHERE s.id = m.id AND s.status = 1)");
        var payloads = await ServiceDb.RowsAsync(db,
            "SELECT m.payload, i.dossier_id, i.amount FROM outbox_messages m JOIN invoices i ON i.paid_session_id = m.id");
        var badPayloads = payloads.Count(r => !PayloadMatches((string)r[0]!, (Guid)r[1]!, (long)r[2]!));
        Add("each paid invoice exactly one PaymentReceived.v1 outbox row (id = session), with its dossier and amount",
            $"{outboxRows} rows for {paidInvoices} paid invoices; {notOne} invoices without exactly one, {strays} rows for no paid session, "
            + $"{badPayloads} payloads not matching the invoice",
            outboxRows == paidInvoices && notOne == 0 && strays == 0 && badPayloads == 0);

        var forgedRefs = forgedTargets.Select(s => s.TxnRef).ToArray();
        await using var forged = new NpgsqlCommand(
            "WITH t AS (SELECT s.id, s.status, s.settled_at, i.status AS invoice_status FROM payment_sessions s "
            + "JOIN invoices i ON i.id = s.invoice_id WHERE s.txn_ref = ANY(@refs)) "
            + "SELECT (SELECT count(*) FROM t WHERE status <> 0 OR settled_at IS NOT NULL), (SELECT count(*) FROM t WHERE invoice_status <> 0), "
            + "(SELECT count(*) FROM outbox_messages m WHERE m.id IN (SELECT id FROM t))", db);
        forged.Parameters.AddWithValue("refs", forgedRefs);
        await using (var reader = await forged.ExecuteReaderAsync())
        {
            await reader.ReadAsync();
            var (touched, invoicesMoved, rows) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
            var sentForged = all.Count(r => r.Kind == Kind.Forged);
            Add("forged IPNs changed nothing: their sessions pending, invoices open, no outbox row",
                $"{sentForged} forged IPNs on {forgedRefs.Length} sessions: {touched} sessions changed, {invoicesMoved} invoices changed, {rows} outbox rows",
                touched == 0 && invoicesMoved == 0 && rows == 0 && sentForged > 0);
        }
        var duplicates = all.Count(r => r.Kind == Kind.Duplicate);
        report.Note(Check, $"checked after {all.Count} IPNs (warm-up included): {all.Count(r => r.Kind == Kind.Fresh)} fresh, {duplicates} duplicates, "
            + $"{all.Count(r => r.Kind == Kind.Forged)} forged");
        return ok;
    }

    static bool PayloadMatches(string payload, Guid dossierId, long amount)
    {
        using var json = JsonDocument.Parse(payload);
        var root = json.RootElement;
        return root.TryGetProperty("dossierId", out var d) && d.GetGuid() == dossierId
            && root.TryGetProperty("amount", out var a) && a.GetInt64() == amount;
    }

    /// <summary>
    /// The closed loop: each worker sends the next IPN when its last answer came. The kind is drawn per request: a
    /// duplicate repeats the exact query of an IPN already answered 00 (as VNPay retries), so it must answer 02; a
    /// forged one names a session no genuine IPN names, alternately signed with another secret and tampered after
    /// signing (the amount raised), so it must answer 97 and change nothing.
    /// </summary>
    sealed class IpnLoad(BenchOptions o, string[] replicas, List<Seeded> fresh, List<Seeded> forgedTargets) : IDisposable
    {
        readonly HttpClient http = new(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = int.MaxValue,
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
        })
        { Timeout = TimeSpan.FromSeconds(30) };
        readonly byte[] secret = Encoding.UTF8.GetBytes(o.IpnHashSecret);
        readonly byte[] wrongSecret = Encoding.UTF8.GetBytes("not-the-merchant-secret-" + Guid.NewGuid().ToString("N"));
        readonly ConcurrentBag<Sent> results = [];
        readonly List<string> answeredQueries = [];
        readonly long[] perReplica = new long[replicas.Length];
        readonly long[] perReplicaMeasured = new long[replicas.Length];
        int nextFresh = -1;
        long sent = -1;
        int transportErrors;

        public IEnumerable<Sent> Results => results;
        public int TransportErrors => transportErrors;
        public bool FreshExhausted => Volatile.Read(ref nextFresh) >= fresh.Count - 1;

        public IEnumerable<(string Replica, long Count)> PerReplica(bool measured) =>
            replicas.Select((r, i) => (r, measured ? perReplicaMeasured[i] : perReplica[i]));

        /// <summary>Runs the workers for <paramref name="duration"/> (or until the seeded sessions run out); returns the seconds it took.</summary>
        public async Task<double> RunAsync(TimeSpan duration, bool measured)
        {
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, o.IpnConcurrency).Select(worker => Task.Run(async () =>
            {
                var random = new Random(worker * 7919 + (measured ? 1 : 0));
                while (clock.Elapsed < duration)
                {
                    var draw = random.NextDouble();
                    string query, txnRef;
                    Kind kind;
                    string? duplicate = null;
                    if (draw < o.IpnForgedShare)
                        (kind, query, txnRef) = Forged(random);
                    else if (draw < o.IpnForgedShare + o.IpnDuplicateShare && (duplicate = AnsweredQuery(random)) is not null)
                        (kind, query, txnRef) = (Kind.Duplicate, duplicate, TxnRefOf(duplicate));
                    else
                    {
                        var index = Interlocked.Increment(ref nextFresh);
                        if (index >= fresh.Count)
                            break;
                        var s = fresh[index];
                        (kind, query, txnRef) = (Kind.Fresh, Signed(Parameters(s), secret), s.TxnRef);
                    }
                    var replica = (int)(Interlocked.Increment(ref sent) % replicas.Length);
                    var started = Stopwatch.GetTimestamp();
                    string code;
                    try
                    {
                        using var response = await http.GetAsync(replicas[replica] + "/api/payments/vnpay/ipn?" + query);
                        var body = await response.Content.ReadAsStringAsync();
                        code = response.IsSuccessStatusCode ? RspCode(body) : $"HTTP {(int)response.StatusCode}";
                    }
                    catch (HttpRequestException)
                    {
                        Interlocked.Increment(ref transportErrors);
                        continue;
                    }
                    catch (TaskCanceledException)
                    {
                        Interlocked.Increment(ref transportErrors);
                        continue;
                    }
                    var ticks = Stopwatch.GetTimestamp() - started;
                    Interlocked.Increment(ref perReplica[replica]);
                    if (measured)
                        Interlocked.Increment(ref perReplicaMeasured[replica]);
                    results.Add(new Sent(kind, txnRef, code, ticks, measured));
                    if (kind == Kind.Fresh && code == "00")
                        lock (answeredQueries)
                            answeredQueries.Add(query);
                }
            })));
            return clock.Elapsed.TotalSeconds;
        }

        string? AnsweredQuery(Random random)
        {
            lock (answeredQueries)
                return answeredQueries.Count == 0 ? null : answeredQueries[random.Next(answeredQueries.Count)];
        }

        (Kind, string, string) Forged(Random random)
        {
            var target = forgedTargets[random.Next(forgedTargets.Count)];
            var parameters = Parameters(target);
            if (random.Next(2) == 0)
                return (Kind.Forged, Signed(parameters, wrongSecret), target.TxnRef);
            // Signed correctly for one amount, then the amount changed: what a tampering middleman would send.
            var query = Signed(parameters, secret).Replace($"vnp_Amount={target.Amount * 100}&", $"vnp_Amount={target.Amount * 1000}&", StringComparison.Ordinal);
            return (Kind.Forged, query, target.TxnRef);
        }

        /// <summary>What VNPay sends for a paid order (as tests/Payments.Tests' Ipn builds it).</summary>
        SortedDictionary<string, string> Parameters(Seeded s) => new(StringComparer.Ordinal)
        {
            ["vnp_Amount"] = (s.Amount * 100).ToString(CultureInfo.InvariantCulture),
            ["vnp_BankCode"] = "NCB",
            ["vnp_BankTranNo"] = "VNP" + s.TxnRef[..8],
            ["vnp_CardType"] = "ATM",
            ["vnp_OrderInfo"] = "Thanh toan le phi ho so " + s.TxnRef[..6],
            ["vnp_PayDate"] = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7)).ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture),
            ["vnp_ResponseCode"] = "00",
            ["vnp_TmnCode"] = o.IpnTmnCode,
            ["vnp_TransactionNo"] = "14" + s.TxnRef[..6],
            ["vnp_TransactionStatus"] = "00",
            ["vnp_TxnRef"] = s.TxnRef,
        };

        /// <summary>
        /// VNPay 2.1.0, written here independently of the service: non-empty vnp_ parameters but the hash, sorted
        /// ordinally, key and value WebUtility.UrlEncode'd, k=v joined with &amp;, HMAC-SHA512 in hex appended.
        /// </summary>
        static string Signed(SortedDictionary<string, string> parameters, byte[] key)
        {
            var data = string.Join('&', parameters.Where(p => p.Key.StartsWith("vnp_", StringComparison.Ordinal) && p.Key != "vnp_SecureHash" && p.Value.Length > 0)
                .Select(p => WebUtility.UrlEncode(p.Key) + "=" + WebUtility.UrlEncode(p.Value)));
            return data + "&vnp_SecureHash=" + Convert.ToHexStringLower(HMACSHA512.HashData(key, Encoding.UTF8.GetBytes(data)));
        }

        static string TxnRefOf(string query)
        {
            var start = query.IndexOf("vnp_TxnRef=", StringComparison.Ordinal) + "vnp_TxnRef=".Length;
            var end = query.IndexOf('&', start);
            return query[start..(end < 0 ? query.Length : end)];
        }

        static string RspCode(string body)
        {
            try
            {
                using var json = JsonDocument.Parse(body);
                return json.RootElement.TryGetProperty("RspCode", out var code) ? code.GetString() ?? "?" : "?";
            }
            catch (JsonException)
            {
                return "?";
            }
        }

        public void Dispose() => http.Dispose();
    }
}
