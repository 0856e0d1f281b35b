using Microsoft.Extensions.Configuration;

namespace PublicServices.Bench;

/// <summary>What to measure and where. Bound from BENCH_* environment variables and --Key value arguments.</summary>
public sealed class BenchOptions
{
    public string Gateway { get; set; } = "http://127.0.0.1:8080";
    public string Catalog { get; set; } = "http://127.0.0.1:5102";
    public string Backend { get; set; } = "http://127.0.0.1:5190";
    public string BareProxy { get; set; } = "http://127.0.0.1:5191";
    /// <summary>Path prefix of the bench route in both proxies.</summary>
    public string ProxyPath { get; set; } = "/bench/hello";

    /// <summary>Process ids by name (gateway, bareproxy, backend, identity, catalog, documents, dossiers, workflow, web, s3rver).</summary>
    public Dictionary<string, int> Pids { get; set; } = [];

    /// <summary>Which parts to run: any of 1,2,3,4,5.</summary>
    public string Parts { get; set; } = "1,2,3,4,5";

    public int WrkThreads { get; set; } = 1;
    public int WrkConnections { get; set; } = 32;
    public int WrkSeconds { get; set; } = 8;
    public int WarmupSeconds { get; set; } = 5;
    /// <summary>Rounds of alternating measurements; the best round of each side is kept (noise only adds cost).</summary>
    public int Rounds { get; set; } = 3;

    public string Postgres { get; set; } = "Host=127.0.0.1;Port=55432;Username=postgres;Password=secret;Database=postgres";
    public string DatabasePrefix { get; set; } = "bench_";
    /// <summary>How long part 3 waits after its load for the outbox to deliver every DossierSubmitted event.</summary>
    public int DeliveryDrainSeconds { get; set; } = 120;

    public string S3Endpoint { get; set; } = "127.0.0.1:4569";
    public string S3AccessKey { get; set; } = "S3RVER";
    public string S3SecretKey { get; set; } = "S3RVER";
    /// <summary>The documents service's bucket during the bench (emptied afterwards).</summary>
    public string DocumentsBucket { get; set; } = "bench-documents";
    /// <summary>Bucket for the direct PUT the upload is compared with.</summary>
    public string DirectBucket { get; set; } = "bench-direct";

    public string ClientId { get; set; } = "demo-business";
    public string ClientSecret { get; set; } = "";
    public string Scopes { get; set; } = "dossiers documents catalog";

    public string SubmitProcedure { get; set; } = "2.000635";
    /// <summary>The form as JSON; empty = built from the procedure's form schema.</summary>
    public string? SubmitForm { get; set; }
    public int SubmitConcurrency { get; set; } = 32;
    public int SubmitSeconds { get; set; } = 20;
    /// <summary>
    /// Long enough for the services' tiered JIT to settle under full load on two cores (after 5 s it was still
    /// compiling thousands of methods, a third of the dossiers service's CPU), so the run measures the steady state.
    /// </summary>
    public int SubmitWarmupSeconds { get; set; } = 15;
    /// <summary>Dossier table and code column; empty = discovered from the schema.</summary>
    public string? DossierTable { get; set; }
    public string? DossierCodeColumn { get; set; }

    public string UploadProcedure { get; set; } = "1.009972";
    public long UploadBytes { get; set; } = 1L << 30;

    /// <summary>Part 5: users loading each portal page at once, each with its own connection.</summary>
    public int PageUsers { get; set; } = 50;
    public int PageWarmupSeconds { get; set; } = 5;
    public int PageSeconds { get; set; } = 15;
    /// <summary>The procedure whose page part 5 loads and whose application form it opens.</summary>
    public string PageProcedure { get; set; } = "1.001193";

    /// <summary>Fault suite (bench/faults.sh): the load lasts at least this long, and until the injector logs "done".</summary>
    public int FaultsSeconds { get; set; } = 240;
    /// <summary>How long past FaultsSeconds the load waits for the injector before it stops anyway.</summary>
    public int FaultsMaxExtraSeconds { get; set; } = 180;
    public int FaultsWorkers { get; set; } = 12;
    /// <summary>How long one dossier is retried (uploads and submission) before its client gives up.</summary>
    public int FaultsSubmissionDeadlineSeconds { get; set; } = 180;
    /// <summary>The injector's log: one line per fault, "done" at the end.</summary>
    public string FaultsLog { get; set; } = "results/faults-run/faults.log";
    /// <summary>The replicas the injector must have killed three times each (names as in its log).</summary>
    public string FaultsReplicas { get; set; } = "";
    /// <summary>The procedure to file; empty = the first of SubmitProcedure and UploadProcedure whose documents can all be PDFs.</summary>
    public string? FaultsProcedure { get; set; }
    /// <summary>Seconds after the outboxes drained before the final counts, for the events the last deliveries raise.</summary>
    public int FaultsSettleSeconds { get; set; } = 5;

    /// <summary>IPN benchmark (bench/ipn.sh): the payments replicas' base addresses, comma-separated; IPNs go to each in turn.</summary>
    public string IpnReplicas { get; set; } = "";
    /// <summary>The merchant's terminal and HMAC key the replicas were started with (made for the run).</summary>
    public string IpnTmnCode { get; set; } = "";
    public string IpnHashSecret { get; set; } = "";
    /// <summary>Invoices (one pending session each) written before the load; the run stops early when they are all paid.</summary>
    public int IpnInvoices { get; set; } = 60_000;
    public int IpnConcurrency { get; set; } = 32;
    public int IpnWarmupSeconds { get; set; } = 10;
    public int IpnSeconds { get; set; } = 30;
    /// <summary>Shares of the IPNs that repeat one already answered 00 (must answer 02) and that are forged (must answer 97).</summary>
    public double IpnDuplicateShare { get; set; } = 0.10;
    public double IpnForgedShare { get; set; } = 0.02;
    /// <summary>IPNs per second the issue asks for.</summary>
    public int IpnTarget { get; set; } = 500;

    public string ResultsFile { get; set; } = "results/latest.md";
    /// <summary>Also write the report's rows as a TRX test run here (build/test.sh counts them); empty = none.</summary>
    public string? TrxFile { get; set; }
    /// <summary>One line about the run (commit, date) for the report's head.</summary>
    public string? RunLabel { get; set; }

    public bool Runs(int part) => Parts.Split(',', StringSplitOptions.TrimEntries).Contains(part.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static BenchOptions From(string[] args)
    {
        var config = new ConfigurationBuilder().AddEnvironmentVariables("BENCH_").AddCommandLine(args).Build();
        var options = new BenchOptions();
        config.Bind(options);
        return options;
    }
}
