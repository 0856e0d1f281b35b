using System.Buffers.Binary;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Npgsql;
using PublicServices.WorkflowEngine.Runtime;

namespace PublicServices.Bench.Workflow;

/// <summary>
/// Fills a database with many stored instances fast, consistent with what the runtime writes: the runtime itself
/// takes one instance of <see cref="Definitions.OneStop"/> to each of its four waits (receive, appraise, payment
/// event, approve), its rows are read back from every table, and each stored instance is a copy of one of them
/// with its own ids (instance id v7, wait ids derived as the runtime derives them, correlation id, dossier code,
/// event id), its own agency, and every time (columns and JSON) moved back by the same random offset of up to two
/// weeks. Rows go in with COPY (text format, FREEZE) into freshly truncated tables, the indexes are built afterwards
/// from their own definitions, and the tables are analyzed, as autovacuum would have done on a live database.
/// </summary>
public sealed partial class StoredInstances
{
    /// <summary>Tables holding instance state; definitions stay. Effects would go to the outbox: the bench flow has none.</summary>
    static readonly string[] Tables =
        ["workflow_instances", "workflow_tasks", "workflow_bookmarks", "workflow_timers", "workflow_journal", "workflow_event_receipts", "workflow_incidents"];
    static readonly string[] Emptied = [.. Tables, "outbox_messages", "inbox_records"];

    const string AgencyToken = "TPL.AGENCY.CODE";
    const byte WaitPurpose = 2; // DeterministicId.Wait in the runtime

    readonly Template[] templates;
    readonly int agencies;
    readonly string[] roles;

    StoredInstances(Template[] templates, int agencies)
    {
        this.templates = templates;
        this.agencies = agencies;
        roles = [.. Definitions.OneStopTasks.Select(t => t.Role)];
    }

    public int Count { get; private set; }
    public IReadOnlyList<string> Roles => roles;
    public static string AgencyCode(int agency) => $"BENCH.{agency:000}";

    /// <summary>An open task of stored instance <paramref name="i"/>, or null if it waits for the payment event.</summary>
    public (Guid TaskId, string Agency, string Role, string Outcome)? OpenTask(int i)
    {
        var clone = Identity(i);
        var template = templates[clone.Stage];
        if (template.OpenTask is not { } open) return null;
        return (WaitId(clone.InstanceId, open.Seq), AgencyCode(clone.Agency), open.Role, open.Outcome);
    }

    // ---- templates ------------------------------------------------------------------------------------------------

    /// <summary>One runtime-made instance at one wait: its rows, and its open task (the step at which it waits) if any.</summary>
    sealed record Template(DateTime CreatedAt, List<TableRows> Tables, (long Seq, string Role, string Outcome)? OpenTask);

    sealed record TableRows(string Table, string[] Columns, List<Cell[]> Rows);

    /// <summary>Takes one instance to each wait with the runtime and reads its rows back.</summary>
    public static async Task<StoredInstances> CaptureAsync(RuntimeHost host, int agencies)
    {
        var templates = new List<Template>();
        for (var stage = 0; stage < 4; stage++)
        {
            var correlation = Guid.NewGuid().ToString();
            var dossier = $"TPL-DOSSIER-{stage}-{Guid.NewGuid():N}"[..30];
            var instance = await host.StartAsync(Definitions.OneStop, correlation, AgencyToken, dossier);
            string? eventId = null;
            // receive, appraise, payment, approve: complete the steps before this stage's wait.
            var steps = Definitions.OneStopTasks;
            for (var done = 0; done < stage; done++)
            {
                if (done == 2)
                {
                    eventId = "tpl-event-" + Guid.NewGuid().ToString("N");
                    var delivered = await host.Runtime.DeliverEventAsync(new DeliverEventRequest(Definitions.PaymentEvent, correlation, eventId));
                    if (delivered.Resumed != 1) throw new InvalidOperationException("template: the payment event resumed nothing");
                    continue;
                }
                var step = steps[done];
                var task = (await host.Queries.TasksOfInstanceAsync(instance)).Single(t => t.ActivityId == step.Activity);
                var result = await host.Runtime.CompleteTaskAsync(new CompleteTaskRequest(task.Id, step.Outcome, RuntimeHost.Officer(AgencyToken, step.Role)));
                if (result.Status != TaskActionStatus.Completed) throw new InvalidOperationException($"template: completing {step.Activity}: {result.Status}");
            }
            (string Role, string Outcome)? open = stage switch
            {
                0 => (steps[0].Role, steps[0].Outcome),
                1 => (steps[1].Role, steps[1].Outcome),
                3 => (steps[2].Role, steps[2].Outcome),
                _ => null,
            };
            templates.Add(await ReadAsync(host, instance, correlation, dossier, eventId, open));
        }
        return new StoredInstances([.. templates], agencies);
    }

    static async Task<Template> ReadAsync(RuntimeHost host, Guid instanceId, string correlation, string dossier, string? eventId,
        (string Role, string Outcome)? open)
    {
        await using var db = new NpgsqlConnection(host.ConnectionString);
        await db.OpenAsync();
        var waits = new Dictionary<Guid, long>();
        long sequence;
        DateTime createdAt;
        await using (var head = new NpgsqlCommand("SELECT sequence, created_at FROM workflow_instances WHERE id = @id", db))
        {
            head.Parameters.AddWithValue("id", instanceId);
            await using var r = await head.ExecuteReaderAsync();
            if (!await r.ReadAsync()) throw new InvalidOperationException("template instance missing");
            (sequence, createdAt) = (r.GetInt64(0), r.GetDateTime(1));
        }
        // Wait ids are derived from (instance, step sequence): find the step of each, to derive the copies' ids alike.
        for (var seq = 1L; seq <= sequence; seq++) waits[WaitId(instanceId, seq)] = seq;
        var rows = new List<TableRows>();
        var usedWaits = new HashSet<Guid>();
        foreach (var table in Tables)
        {
            var column = table == "workflow_instances" ? "id" : "instance_id";
            await using var select = new NpgsqlCommand($"SELECT * FROM {table} WHERE {column} = @id", db);
            select.Parameters.AddWithValue("id", instanceId);
            await using var reader = await select.ExecuteReaderAsync();
            var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
            var list = new List<Cell[]>();
            while (await reader.ReadAsync())
            {
                var cells = new Cell[columns.Length];
                for (var c = 0; c < columns.Length; c++)
                {
                    var value = reader.IsDBNull(c) ? null : reader.GetValue(c);
                    cells[c] = Compile(value, instanceId, waits, usedWaits, correlation, dossier, eventId);
                }
                list.Add(cells);
            }
            if (table == "workflow_incidents" && list.Count > 0) throw new InvalidOperationException("template instance has an incident");
            rows.Add(new TableRows(table, columns, list));
        }
        await using (var outbox = new NpgsqlCommand("SELECT count(*) FROM outbox_messages", db))
            if ((long)(await outbox.ExecuteScalarAsync())! > 0)
                throw new InvalidOperationException("the bench flow wrote effects: the loader would have to copy outbox rows too");
        if (usedWaits.Count == 0) throw new InvalidOperationException("no wait id of the template matched the runtime's derivation: DeterministicId changed?");
        // The newest task is the open one (the earlier tasks of a copy are completed).
        var openSeq = rows.Single(t => t.Table == "workflow_tasks").Rows.Select(r => r.First(c => c.Kind == CellKind.Wait).Seq).Max();
        return new Template(createdAt, rows, open is { } o ? (openSeq, o.Role, o.Outcome) : null);
    }

    // ---- cells: a template value and how a copy derives its own ------------------------------------------------------

    enum CellKind { Constant, Instance, Wait, Time, Text }

    /// <summary>Text parts: a literal, or a token the copy fills in.</summary>
    enum Part { Literal, InstanceText, WaitText, Correlation, Dossier, Agency, EventId, Timestamp }

    sealed record Cell(CellKind Kind, object? Value = null, long Seq = 0, DateTime Time = default, (Part Part, string Text, long Seq, DateTimeOffset At, bool Utc)[]? Parts = null);

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,7})?(?:Z|[+-]\d{2}:\d{2})")]
    private static partial Regex IsoTime();

    static Cell Compile(object? value, Guid instanceId, Dictionary<Guid, long> waits, HashSet<Guid> usedWaits, string correlation, string dossier, string? eventId)
    {
        switch (value)
        {
            case Guid g when g == instanceId:
                return new Cell(CellKind.Instance);
            case Guid g when waits.TryGetValue(g, out var seq):
                usedWaits.Add(g);
                return new Cell(CellKind.Wait, Seq: seq);
            case DateTime t:
                return new Cell(CellKind.Time, Time: t);
            case string s:
                var tokens = new List<(string Find, Part Part, long Seq)>
                {
                    (instanceId.ToString(), Part.InstanceText, 0), (correlation, Part.Correlation, 0), (dossier, Part.Dossier, 0), (AgencyToken, Part.Agency, 0),
                };
                if (eventId is not null) tokens.Add((eventId, Part.EventId, 0));
                foreach (var (id, seq) in waits) tokens.Add((id.ToString(), Part.WaitText, seq));
                var parts = new List<(Part, string, long, DateTimeOffset, bool)>();
                var at = 0;
                while (at < s.Length)
                {
                    // The earliest token (or timestamp) from here; text before it is literal.
                    var best = (Index: -1, Length: 0, Part: Part.Literal, Seq: 0L);
                    foreach (var (find, part, seq) in tokens)
                    {
                        var i = s.IndexOf(find, at, StringComparison.Ordinal);
                        if (i >= 0 && (best.Index < 0 || i < best.Index)) best = (i, find.Length, part, seq);
                    }
                    var time = IsoTime().Match(s, at);
                    if (time.Success && (best.Index < 0 || time.Index < best.Index)) best = (time.Index, time.Length, Part.Timestamp, 0);
                    if (best.Index < 0)
                    {
                        parts.Add((Part.Literal, s[at..], 0, default, false));
                        break;
                    }
                    if (best.Index > at) parts.Add((Part.Literal, s[at..best.Index], 0, default, false));
                    var text = s.Substring(best.Index, best.Length);
                    if (best.Part == Part.Timestamp)
                        parts.Add((Part.Timestamp, text, 0, DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture), text.EndsWith('Z')));
                    else
                    {
                        if (best.Part == Part.WaitText) usedWaits.Add(Guid.Parse(text));
                        parts.Add((best.Part, text, best.Seq, default, false));
                    }
                    at = best.Index + best.Length;
                }
                return parts.Count == 1 && parts[0].Item1 == Part.Literal ? new Cell(CellKind.Constant, s) : new Cell(CellKind.Text, Parts: [.. parts]);
            default:
                return new Cell(CellKind.Constant, value);
        }
    }

    // ---- copies -------------------------------------------------------------------------------------------------

    readonly record struct Clone(int Index, int Stage, int Agency, Guid InstanceId, string Correlation, TimeSpan Offset);

    const long TwoWeeksMs = 14L * 24 * 3600 * 1000;

    /// <summary>Everything about copy <paramref name="i"/> follows from i, so every table's writer derives the same.</summary>
    Clone Identity(int i)
    {
        var stage = (int)(Mix((ulong)i, 1) % 4);
        var offset = TimeSpan.FromMilliseconds(-(long)(Mix((ulong)i, 2) % TwoWeeksMs));
        var created = templates[stage].CreatedAt + offset;
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, Mix((ulong)i, 3));
        BinaryPrimitives.WriteUInt64BigEndian(bytes[8..], Mix((ulong)i, 4));
        // UUID v7 (RFC 9562): 48-bit Unix milliseconds, version 7, variant bits; the rest from the index.
        var ms = new DateTimeOffset(created, TimeSpan.Zero).ToUnixTimeMilliseconds();
        Span<byte> v7 = stackalloc byte[16];
        BinaryPrimitives.WriteUInt64BigEndian(v7, Mix((ulong)i, 6));
        BinaryPrimitives.WriteUInt64BigEndian(v7[8..], Mix((ulong)i, 7));
        v7[0] = (byte)(ms >> 40); v7[1] = (byte)(ms >> 32); v7[2] = (byte)(ms >> 24); v7[3] = (byte)(ms >> 16); v7[4] = (byte)(ms >> 8); v7[5] = (byte)ms;
        v7[6] = (byte)((v7[6] & 0x0F) | 0x70);
        v7[8] = (byte)((v7[8] & 0x3F) | 0x80);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40); // the correlation id (a dossier id) is a v4
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Clone(i, stage, (int)(Mix((ulong)i, 5) % (ulong)agencies), new Guid(v7, bigEndian: true),
            new Guid(bytes, bigEndian: true).ToString(), offset);
    }

    static ulong Mix(ulong i, ulong salt)
    {
        // SplitMix64 finaliser: cheap, well spread, deterministic.
        var z = i * 0x9E3779B97F4A7C15UL + salt * 0xBF58476D1CE4E5B9UL + 0x94D049BB133111EBUL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>The runtime's wait id for (instance, step): SHA-256 of instance, sequence, index 0 and purpose, as a v8 UUID.</summary>
    static Guid WaitId(Guid instanceId, long sequence)
    {
        Span<byte> input = stackalloc byte[16 + 8 + 4 + 1];
        instanceId.TryWriteBytes(input);
        BinaryPrimitives.WriteInt64BigEndian(input[16..], sequence);
        BinaryPrimitives.WriteInt32BigEndian(input[24..], 0);
        input[28] = WaitPurpose;
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(input, hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }

    /// <summary>Per copy: its derived wait ids, computed once however many rows and texts name them.</summary>
    sealed class CloneIds
    {
        readonly Dictionary<long, (Guid Id, string Text)> waits = [];
        public Clone Clone { get; private set; }
        public string InstanceText { get; private set; } = "";
        public string Agency { get; private set; } = "";

        public void Reset(Clone clone)
        {
            Clone = clone;
            waits.Clear();
            InstanceText = clone.InstanceId.ToString();
            Agency = AgencyCode(clone.Agency);
        }

        public (Guid Id, string Text) Wait(long seq)
        {
            if (!waits.TryGetValue(seq, out var id))
            {
                var guid = WaitId(Clone.InstanceId, seq);
                waits[seq] = id = (guid, guid.ToString());
            }
            return id;
        }
    }

    static string Text(CloneIds ids, (Part Part, string Text, long Seq, DateTimeOffset At, bool Utc)[] parts, StringBuilder sb)
    {
        sb.Clear();
        var clone = ids.Clone;
        foreach (var p in parts)
            switch (p.Part)
            {
                case Part.Literal: sb.Append(p.Text); break;
                case Part.InstanceText: sb.Append(ids.InstanceText); break;
                case Part.WaitText: sb.Append(ids.Wait(p.Seq).Text); break;
                case Part.Correlation: sb.Append(clone.Correlation); break;
                case Part.Dossier: sb.Append(ids.Agency).Append('-').Append(clone.Index.ToString("D8", System.Globalization.CultureInfo.InvariantCulture)); break;
                case Part.Agency: sb.Append(ids.Agency); break;
                case Part.EventId: sb.Append("payment-").Append(clone.Correlation); break;
                default:
                    // As System.Text.Json writes them (ISO 8601, fraction without trailing zeros); parsed back alike.
                    var at = p.At + clone.Offset;
                    sb.Append(p.Utc ? at.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFF'Z'", System.Globalization.CultureInfo.InvariantCulture)
                        : at.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFFzzz", System.Globalization.CultureInfo.InvariantCulture));
                    break;
            }
        return sb.ToString();
    }

    // ---- loading ------------------------------------------------------------------------------------------------

    /// <summary>Replaces every stored instance of the database with <paramref name="count"/> copies. Returns a line on what it took.</summary>
    public async Task<string> LoadAsync(string connectionString, int count)
    {
        Count = count;
        var clock = Stopwatch.StartNew();
        await using var admin = new NpgsqlConnection(connectionString);
        await admin.OpenAsync();
        // Indexes are built after the rows are in (as a restore does): the same definitions, read from the catalog.
        var rebuild = new List<string>();
        var drop = new List<string>();
        await using (var indexes = new NpgsqlCommand("""
            SELECT t.relname, ix.relname, c.conname, pg_get_constraintdef(c.oid), pg_get_indexdef(ix.oid)
            FROM pg_index x JOIN pg_class ix ON ix.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
            LEFT JOIN pg_constraint c ON c.conindid = x.indexrelid AND c.conrelid = t.oid
            WHERE t.relname = ANY(@tables) AND t.relnamespace = 'public'::regnamespace
            """, admin))
        {
            indexes.Parameters.AddWithValue("tables", Tables);
            await using var r = await indexes.ExecuteReaderAsync();
            while (await r.ReadAsync())
            {
                var (table, index) = (r.GetString(0), r.GetString(1));
                if (r.IsDBNull(2))
                {
                    drop.Add($"DROP INDEX \"{index}\"");
                    rebuild.Add(r.GetString(4));
                }
                else
                {
                    drop.Add($"ALTER TABLE \"{table}\" DROP CONSTRAINT \"{r.GetString(2)}\"");
                    rebuild.Add($"ALTER TABLE \"{table}\" ADD CONSTRAINT \"{r.GetString(2)}\" {r.GetString(3)}");
                }
            }
        }
        await ExecAsync(admin, $"TRUNCATE {string.Join(", ", Emptied)}");
        foreach (var statement in drop) await ExecAsync(admin, statement);

        long rows = 0;
        var perTable = new System.Collections.Concurrent.ConcurrentBag<string>();
        // Two writers: the driver builds rows while PostgreSQL takes them (two cores).
        var work = templates[0].Tables.Select(t => t.Table).Where(t => templates.Any(x => x.Tables.Single(y => y.Table == t).Rows.Count > 0))
            .OrderByDescending(t => t == "workflow_journal").ToList();
        await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (table, ct) =>
        {
            var started = Stopwatch.StartNew();
            var n = await CopyAsync(connectionString, table, count, ct);
            Interlocked.Add(ref rows, n);
            perTable.Add($"{table} {Format.N(n)} rows {Format.F(started.Elapsed.TotalSeconds)} s");
        });
        var copied = clock.Elapsed;

        // Index builds in two sessions, largest tables first; more memory for the sorts than the server's default.
        var statements = new System.Collections.Concurrent.ConcurrentQueue<string>(rebuild.OrderBy(s => s.Contains("workflow_journal", StringComparison.Ordinal) ? 0 : 1));
        await Task.WhenAll(Enumerable.Range(0, 2).Select(async _ =>
        {
            await using var db = new NpgsqlConnection(connectionString);
            await db.OpenAsync();
            await ExecAsync(db, "SET maintenance_work_mem = '256MB'");
            while (statements.TryDequeue(out var statement)) await ExecAsync(db, statement);
        }));
        var indexed = clock.Elapsed;
        await ExecAsync(admin, $"ANALYZE {string.Join(", ", Emptied)}");
        long bytes;
        await using (var size = new NpgsqlCommand("SELECT pg_database_size(current_database())", admin))
            bytes = (long)(await size.ExecuteScalarAsync())!;
        // The copies must wait where their templates wait: one open task each, or one bookmark (the payment stage).
        var expectedTasks = Enumerable.Range(0, count).Count(i => templates[Identity(i).Stage].OpenTask is not null);
        await using (var check = new NpgsqlCommand(
            "SELECT (SELECT count(*) FROM workflow_tasks WHERE status = 0), (SELECT count(*) FROM workflow_bookmarks), (SELECT count(*) FROM workflow_instances WHERE status = 1)", admin))
        {
            await using var r = await check.ExecuteReaderAsync();
            await r.ReadAsync();
            var (open, bookmarks, suspended) = (r.GetInt64(0), r.GetInt64(1), r.GetInt64(2));
            if (open != expectedTasks || bookmarks != count - expectedTasks || suspended != count)
                throw new InvalidOperationException($"bulk load: {open} open tasks, {bookmarks} bookmarks, {suspended} suspended instances; "
                    + $"expected {expectedTasks}, {count - expectedTasks}, {count}");
        }
        return $"{Format.N(count)} instances ({Format.N(rows)} rows) copied in {Format.F(copied.TotalSeconds)} s ({string.Join(", ", perTable)}), indexes built in "
            + $"{Format.F((indexed - copied).TotalSeconds)} s, analyzed in {Format.F((clock.Elapsed - indexed).TotalSeconds)} s; {Format.N(expectedTasks)} open tasks and {Format.N(count - expectedTasks)} bookmarks, as expected; database {Format.F(bytes / 1e9, "0.00")} GB";
    }

    async Task<long> CopyAsync(string connectionString, string table, int count, CancellationToken ct)
    {
        var columns = templates[0].Tables.Single(t => t.Table == table).Columns;
        var byStage = templates.Select(t => t.Tables.Single(x => x.Table == table)).ToArray();
        if (byStage.Any(t => !t.Columns.SequenceEqual(columns))) throw new InvalidOperationException($"{table}: columns differ between templates");
        await using var db = new NpgsqlConnection(connectionString);
        await db.OpenAsync(ct);
        await using var transaction = await db.BeginTransactionAsync(ct);
        // FREEZE needs the table truncated in this transaction; the rows then need no vacuum to be all-visible.
        await ExecAsync(db, $"TRUNCATE {table}");
        long rows = 0;
        var sb = new StringBuilder(512);
        var line = new StringBuilder(2048);
        var ids = new CloneIds();
        // Text COPY: the driver only appends to a line (the binary importer's per-value bookkeeping cost more than
        // PostgreSQL's parsing); FREEZE needs the table truncated in this transaction.
        await using (var writer = await db.BeginTextImportAsync(
            $"COPY {table} ({string.Join(", ", columns.Select(c => '"' + c + '"'))}) FROM STDIN (FREEZE)", ct))
        {
            for (var i = 0; i < count; i++)
            {
                ct.ThrowIfCancellationRequested();
                ids.Reset(Identity(i));
                foreach (var row in byStage[ids.Clone.Stage].Rows)
                {
                    line.Clear();
                    for (var c = 0; c < row.Length; c++)
                    {
                        if (c > 0) line.Append('\t');
                        Append(line, row[c], ids, sb);
                    }
                    line.Append('\n');
                    foreach (var chunk in line.GetChunks()) writer.Write(chunk.Span);
                    rows++;
                }
            }
        }
        await transaction.CommitAsync(ct);
        return rows;
    }

    static readonly System.Globalization.CultureInfo Invariant = System.Globalization.CultureInfo.InvariantCulture;

    /// <summary>One value in COPY's text format: \N for null, backslash escapes for the separators.</summary>
    static void Append(StringBuilder line, Cell cell, CloneIds ids, StringBuilder sb)
    {
        switch (cell.Kind)
        {
            case CellKind.Instance: line.Append(ids.InstanceText); return;
            case CellKind.Wait: line.Append(ids.Wait(cell.Seq).Text); return;
            case CellKind.Time: AppendTime(line, cell.Time + ids.Clone.Offset); return;
            case CellKind.Text: AppendText(line, Text(ids, cell.Parts!, sb)); return;
        }
        switch (cell.Value)
        {
            case null: line.Append("\\N"); break;
            case string s: AppendText(line, s); break;
            case DateTime t: AppendTime(line, t); break;
            case bool b: line.Append(b ? 't' : 'f'); break;
            case IFormattable f: line.Append(f.ToString(null, Invariant)); break;
            default: throw new InvalidOperationException($"no COPY text for {cell.Value.GetType().Name}");
        }
    }

    static void AppendTime(StringBuilder line, DateTime utc) =>
        line.Append(utc.ToString("yyyy'-'MM'-'dd' 'HH':'mm':'ss.ffffff'+00'", Invariant));

    static void AppendText(StringBuilder line, string s)
    {
        if (s.AsSpan().IndexOfAny("\\\t\n\r") < 0)
        {
            line.Append(s);
            return;
        }
        foreach (var ch in s)
            _ = ch switch
            {
                '\\' => line.Append("\\\\"),
                '\t' => line.Append("\\t"),
                '\n' => line.Append("\\n"),
                '\r' => line.Append("\\r"),
                _ => line.Append(ch),
            };
    }

    static async Task ExecAsync(NpgsqlConnection db, string sql)
    {
        await using var command = new NpgsqlCommand(sql, db) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }
}
