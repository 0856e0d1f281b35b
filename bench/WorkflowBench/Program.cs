using Npgsql;
using PublicServices.Bench.Workflow;

// bench/workflow.sh runs this after publishing it: the runtime (PostgreSQL, durable) against WorkflowCore 3.22 (in
// memory, its default), both in this one process and this one run, so their ratio is what counts.
var o = WorkflowBenchOptions.From(args);
var report = new Report();
report.Note("run", await ServerSettingsAsync(o) + "; load average at start " + File.ReadAllText("/proc/loadavg").Split(' ')[0]);
ThreadPool.GetMinThreads(out var workers, out var io);
ThreadPool.SetMinThreads(Math.Max(workers, 64), io); // the closed loops start 32-64 workers at once

if (o.Runs(1) || o.Runs(2))
    await Guarded("1, 2", "Runtime host for parts 1 and 2", async () =>
    {
        await using var runtime = await RuntimeHost.CreateAsync(o, "run");
        (int Number, string Title, Func<WorkflowBenchOptions, RuntimeHost, Report, Task> Run)[] parts =
        [
            (1, "Durable 3-step workflows vs WorkflowCore in memory", ThroughputPart.RunAsync),
            (2, "Bookmark resumes vs WorkflowCore WaitFor/PublishEvent", ResumePart.RunAsync),
        ];
        foreach (var (number, title, run) in parts.Where(p => o.Runs(p.Number)))
        {
            Console.WriteLine($"== part {number}: {title}");
            await Guarded(number.ToString(System.Globalization.CultureInfo.InvariantCulture), title, () => run(o, runtime, report));
        }
    });
if (o.Runs(3) || o.Runs(4))
{
    Console.WriteLine("== parts 3 and 4: task completion and the inbox with many instances stored");
    await Guarded("3, 4", "Stored instances", () => StoredPart.RunAsync(o, report));
}

report.Note("run", "load average at the end " + File.ReadAllText("/proc/loadavg").Split(' ')[0]
    + " (other helpers' builds and tests share the two cores: see \"other processes\" on each line)");
if (!o.KeepDatabases) await DropDatabasesAsync(o);
var text = report.Render(o.RunLabel, o);
Console.WriteLine();
Console.WriteLine(text);
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(o.ResultsFile))!);
await File.WriteAllTextAsync(o.ResultsFile, text);
Console.WriteLine($"written to {o.ResultsFile}");
return 0;

// The test server's settings decide what "durable" costs here: say them.
static async Task<string> ServerSettingsAsync(WorkflowBenchOptions o)
{
    await using var db = new NpgsqlConnection(o.Postgres);
    await db.OpenAsync();
    var settings = new List<string>();
    foreach (var name in new[] { "server_version", "fsync", "synchronous_commit", "full_page_writes", "shared_buffers" })
    {
        await using var show = new NpgsqlCommand($"SHOW {name}", db);
        settings.Add($"{name}={await show.ExecuteScalarAsync()}");
    }
    // Whether its shared memory sits in huge pages (build/servers.sh reserves them when it can): see part 3.
    var meminfo = File.Exists("/proc/meminfo") ? File.ReadAllLines("/proc/meminfo") : [];
    string Mem(string key) => meminfo.FirstOrDefault(l => l.StartsWith(key + ":", StringComparison.Ordinal))?.Split(':')[1].Trim() ?? "?";
    settings.Add($"huge pages on this machine: {Mem("HugePages_Rsvd")} reserved of {Mem("HugePages_Total")} ({Mem("Hugepagesize")} each)");
    return "PostgreSQL " + string.Join(", ", settings);
}

// The large store takes gigabytes on a server other tests share; the next run recreates everything anyway.
static async Task DropDatabasesAsync(WorkflowBenchOptions o)
{
    NpgsqlConnection.ClearAllPools();
    await using var db = new NpgsqlConnection(o.Postgres);
    await db.OpenAsync();
    foreach (var suffix in new[] { "run", "1k", "1m" })
    {
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{o.Database(suffix)}\" WITH (FORCE)", db);
        await drop.ExecuteNonQueryAsync();
    }
}

async Task Guarded(string part, string title, Func<Task> run)
{
    try
    {
        await run();
    }
    catch (Exception e) when (e is InvalidOperationException or NpgsqlException or TimeoutException or IOException
        or Microsoft.EntityFrameworkCore.DbUpdateException)
    {
        report.NotRun(part, title, e.Message.ReplaceLineEndings(" "));
        report.Note(part, "did not complete: " + e.ToString().ReplaceLineEndings(" "));
    }
}
