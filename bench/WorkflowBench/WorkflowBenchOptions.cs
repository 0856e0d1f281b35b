using Microsoft.Extensions.Configuration;

namespace PublicServices.Bench.Workflow;

/// <summary>
/// What to measure and how long. Bound from WFBENCH_* environment variables and --Name value arguments;
/// <c>--quick</c> shortens everything for a smoke run (numbers from it say little).
/// </summary>
public sealed class WorkflowBenchOptions
{
    /// <summary>A PostgreSQL connection string with the right to create databases (its Database is the admin one).</summary>
    public string Postgres { get; set; } = "Host=127.0.0.1;Port=55432;Username=postgres;Password=secret;Database=postgres";
    /// <summary>The run's databases are {prefix}_run, {prefix}_1k and {prefix}_1m; each run drops and recreates them.</summary>
    public string DatabasePrefix { get; set; } = "bench_workflow";

    /// <summary>Which parts to run: any of 1,2,3,4 (3 and 4 share the bulk-loaded databases).</summary>
    public string Parts { get; set; } = "1,2,3,4";
    public bool Quick { get; set; }

    /// <summary>Workers of the closed loops (parts 1 and 2), on both sides.</summary>
    public int Concurrency { get; set; } = 32;
    /// <summary>
    /// "Max throughput": WorkflowCore gets the whole batch at once (its own workers pace it); the runtime, which runs a
    /// workflow inside the caller's call, gets it with at most this many calls in flight (the connection pool's share).
    /// (On two cores 16 did better than 32 or 64: more bursts in flight only queue for the CPU and PostgreSQL.)
    /// </summary>
    public int MaxConcurrency { get; set; } = 16;
    /// <summary>Workflows in one max-throughput batch (part 1).</summary>
    public int BatchSize { get; set; } = 8000;
    /// <summary>Waiting instances resumed by one closed loop or one batch (part 2).</summary>
    public int ResumeCount { get; set; } = 3000;
    /// <summary>
    /// Warm-up before the measurements (part 2: as many resumes as fit in it at ~1,000/s). Tiered JIT on two busy
    /// cores takes a while: after 4 s the runtime still ran at half its speed in the first round.
    /// </summary>
    public int WarmupSeconds { get; set; } = 8;
    public int MeasureSeconds { get; set; } = 8;
    /// <summary>Rounds alternating the two sides; the best round of each side is kept (noise only ever slows a side down).</summary>
    public int Rounds { get; set; } = 2;

    /// <summary>Instances stored for the small and the large figure of part 3.</summary>
    public int SmallStore { get; set; } = 1_000;
    public int LargeStore { get; set; } = 1_000_000;
    /// <summary>Agencies the stored instances are spread over (each has the three roles' inboxes).</summary>
    public int Agencies { get; set; } = 100;
    /// <summary>Task completions timed per store size, in rounds alternating the two sizes.</summary>
    public int LatencySamples { get; set; } = 2000;
    public int LatencyRounds { get; set; } = 4;
    /// <summary>Completions in flight while timing them (officers working at once).</summary>
    public int LatencyConcurrency { get; set; } = 4;
    /// <summary>Inbox queries timed at each size, and how many run at once.</summary>
    public int InboxQueries { get; set; } = 2000;
    public int InboxConcurrency { get; set; } = 4;

    /// <summary>Keep the run's databases afterwards (to look at them); by default they are dropped at the end.</summary>
    public bool KeepDatabases { get; set; }

    public string ResultsFile { get; set; } = "results/workflow.md";
    /// <summary>One line about the run (commit, date) for the report's head.</summary>
    public string? RunLabel { get; set; }

    public bool Runs(int part) => Parts.Split(',', StringSplitOptions.TrimEntries).Contains(part.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public string Database(string suffix) => $"{DatabasePrefix}_{suffix}";

    /// <summary>The admin connection string pointed at one of the run's databases.</summary>
    public string ConnectionTo(string suffix) => new Npgsql.NpgsqlConnectionStringBuilder(Postgres) { Database = Database(suffix) }.ConnectionString;

    public static WorkflowBenchOptions From(string[] args)
    {
        // "--quick" alone is a flag; the configuration binder wants a value.
        args = [.. args.Select(a => string.Equals(a, "--quick", StringComparison.OrdinalIgnoreCase) ? "--Quick=true" : a)];
        var config = new ConfigurationBuilder().AddEnvironmentVariables("WFBENCH_").AddCommandLine(args).Build();
        var options = new WorkflowBenchOptions { Configuration = config };
        config.Bind(options);
        if (options.Quick)
        {
            // Only what the command line or environment did not set explicitly is shortened.
            void Default(string key, Action shorten)
            {
                if (config[key] is null) shorten();
            }
            Default(nameof(WarmupSeconds), () => options.WarmupSeconds = 1);
            Default(nameof(MeasureSeconds), () => options.MeasureSeconds = 2);
            Default(nameof(Rounds), () => options.Rounds = 1);
            Default(nameof(BatchSize), () => options.BatchSize = 1500);
            Default(nameof(ResumeCount), () => options.ResumeCount = 600);
            Default(nameof(LargeStore), () => options.LargeStore = 20_000);
            Default(nameof(LatencySamples), () => options.LatencySamples = 400);
            Default(nameof(LatencyRounds), () => options.LatencyRounds = 2);
            Default(nameof(InboxQueries), () => options.InboxQueries = 300);
        }
        return options;
    }

    /// <summary>Everything given, also the runtime's own settings (Workflow:Runtime:*, e.g. --Workflow:Runtime:BatchInstanceLock=false).</summary>
    [Microsoft.Extensions.Configuration.ConfigurationKeyName("__not_bound")]
    public IConfiguration Configuration { get; private set; } = new ConfigurationBuilder().Build();
}
