using System.Globalization;
using Npgsql;

namespace PublicServices.Bench.Workflow;

/// <summary>
/// CPU used over an interval by this process (driver, runtime and peer all live here), by the PostgreSQL backends
/// serving the bench databases, and by the whole machine; what is left is other people's work (the machine is
/// shared: when that is high, the figures of that interval say little).
/// </summary>
public sealed class Cpu
{
    const double TicksPerSecond = 100; // USER_HZ
    readonly WorkflowBenchOptions options;
    readonly long selfStart;
    readonly Dictionary<int, long> backendStart;
    readonly (long Busy, long Total) machineStart;
    readonly DateTime startedAt = DateTime.UtcNow;

    Cpu(WorkflowBenchOptions options)
    {
        this.options = options;
        selfStart = Ticks(Environment.ProcessId);
        backendStart = Backends(options).ToDictionary(p => p, Ticks);
        machineStart = Machine();
    }

    public static Cpu Start(WorkflowBenchOptions options) => new(options);

    /// <summary>"cores used: bench process 1.10, postgres 0.70; machine 1.95 of 2, of which other processes 0.15" (and CPU per operation).</summary>
    public string Summary(int operations = 0)
    {
        var seconds = Math.Max(0.001, (DateTime.UtcNow - startedAt).TotalSeconds);
        var self = (Ticks(Environment.ProcessId) - selfStart) / TicksPerSecond;
        // Backends that appeared meanwhile count from zero; those that ended lose their ticks (pools keep theirs).
        var postgres = Backends(options).Sum(p => Ticks(p) - backendStart.GetValueOrDefault(p)) / TicksPerSecond;
        var (busy, total) = Machine();
        var machine = (double)(busy - machineStart.Busy) / Math.Max(1, total - machineStart.Total) * Environment.ProcessorCount;
        var ours = (self + postgres) / seconds;
        return $"cores used: bench process {Format.F(self / seconds, "0.00")}, postgres {Format.F(postgres / seconds, "0.00")}; "
            + $"machine {Format.F(machine, "0.00")} of {Environment.ProcessorCount}, of which other processes {Format.F(Math.Max(0, machine - ours), "0.00")}"
            + (operations > 0 ? $"; CPU per operation: bench process {Format.F(self * 1000 / operations, "0.00")} ms, postgres {Format.F(postgres * 1000 / operations, "0.00")} ms" : "");
    }

    static long Ticks(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    static (long Busy, long Total) Machine()
    {
        var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var total = cpu.Take(8).Sum();
        return (total - cpu[3] - cpu[4], total);
    }

    static List<int> Backends(WorkflowBenchOptions options)
    {
        using var db = new NpgsqlConnection(options.Postgres);
        db.Open();
        using var command = new NpgsqlCommand("SELECT pid FROM pg_stat_activity WHERE datname LIKE @prefix", db);
        command.Parameters.AddWithValue("prefix", options.DatabasePrefix.Replace("_", "\\_", StringComparison.Ordinal) + "\\_%");
        using var reader = command.ExecuteReader();
        var pids = new List<int>();
        while (reader.Read()) pids.Add(reader.GetInt32(0));
        return pids;
    }
}
