using Npgsql;
using PublicServices.Bench;

// bench/run.sh calls: `reset-databases`, `gateway-route <appsettings.json> <template route> <backend> <path>`, then `run`;
// bench/faults.sh calls `reset-databases`, then `faults`; bench/ipn.sh calls `reset-databases payments`, then `ipn`.
var command = args.FirstOrDefault() ?? "run";
var options = BenchOptions.From(args.Skip(1).ToArray());
switch (command)
{
    case "reset-databases":
        await ResetDatabasesAsync(options, args.Skip(1).Where(a => !a.StartsWith("--", StringComparison.Ordinal)));
        return 0;
    case "gateway-route":
        Console.Write(GatewayRoute.EnvironmentFor(args[1], args[2], args[3], args[4]));
        return 0;
    case "run":
        return await RunAsync(options);
    case "faults":
        return await FaultsRun.RunAsync(options);
    case "ipn":
        return await IpnRun.RunAsync(options);
    default:
        Console.Error.WriteLine("usage: PublicServices.Bench run | faults | ipn | reset-databases <service>... | gateway-route <appsettings.json> <route or cluster> <backend> <path>");
        return 64;
}

static async Task<int> RunAsync(BenchOptions o)
{
    using var api = new Api(o);
    var report = new Report();
    report.Note("run", await ServiceDb.ServerSettingsAsync(o));
    (int Number, string Title, Func<BenchOptions, Api, Report, Task> Run)[] parts =
    [
        (1, "Gateway CPU per request vs bare YARP", GatewayCostPart.RunAsync),
        (2, "Catalog search through the gateway vs direct", CatalogSearchPart.RunAsync),
        (3, "Submissions through the gateway", SubmissionPart.RunAsync),
        (4, "1 GiB upload through the gateway", UploadPart.RunAsync),
        (5, "Portal pages through the gateway", PortalPagesPart.RunAsync),
    ];
    foreach (var (number, title, run) in parts.Where(p => o.Runs(p.Number)))
    {
        Console.WriteLine($"== part {number}: {title}");
        try
        {
            await run(o, api, report);
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException or IOException or KeyNotFoundException
            or NpgsqlException or Minio.Exceptions.MinioException or System.Text.Json.JsonException)
        {
            report.NotRun(number.ToString(System.Globalization.CultureInfo.InvariantCulture), title, e.Message.ReplaceLineEndings(" "));
            report.Note(number.ToString(System.Globalization.CultureInfo.InvariantCulture), "did not complete: " + e.Message.ReplaceLineEndings(" "));
        }
    }
    await report.PublishAsync(o.RunLabel, o.ResultsFile);
    return 0;
}

// A clean run starts from empty databases: each service's migrations recreate its own.
static async Task ResetDatabasesAsync(BenchOptions o, IEnumerable<string> services)
{
    await using var db = new NpgsqlConnection(o.Postgres);
    await db.OpenAsync();
    foreach (var service in services)
    {
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{o.DatabasePrefix}{service}\" WITH (FORCE)", db);
        await drop.ExecuteNonQueryAsync();
    }
}
