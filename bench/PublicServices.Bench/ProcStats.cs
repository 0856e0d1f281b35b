using Npgsql;
using System.Globalization;

namespace PublicServices.Bench;

/// <summary>Reads what the kernel counts for a process: CPU time (/proc/pid/stat) and resident memory (/proc/pid/status).</summary>
public static class ProcStats
{
    /// <summary>Clock ticks per second (USER_HZ); 100 on every Linux this runs on.</summary>
    public const double TicksPerSecond = 100;

    /// <summary>utime + stime of a process, in clock ticks.</summary>
    public static long CpuTicks(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // The command name may hold spaces and parentheses: fields are counted after the last ')'.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // After ')': state is field 3, so utime (14) and stime (15) sit at offsets 11 and 12.
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }

    /// <summary>CPU ticks of a process's reaped children (cutime + cstime): how the bench counts wrk's own CPU.</summary>
    public static long ChildrenCpuTicks(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture);
    }

    public static int ParentOf(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
    }

    /// <summary>Sum of CPU ticks over several processes; a process that has gone counts as zero.</summary>
    public static long CpuTicks(IEnumerable<int> pids) => pids.Sum(p => { try { return CpuTicks(p); } catch (IOException) { return 0L; } });

    /// <summary>Resident set size in bytes (VmRSS).</summary>
    public static long RssBytes(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
        throw new InvalidOperationException($"no VmRSS for process {pid}");
    }

    /// <summary>Busy and total ticks of the whole machine (all cores), from /proc/stat.</summary>
    public static (long Busy, long Total) MachineTicks()
    {
        var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var idle = cpu[3] + cpu[4];
        var total = cpu.Take(8).Sum();
        return (total - idle, total);
    }

    /// <summary>Processes whose command name is exactly <paramref name="comm"/> (e.g. all PostgreSQL backends).</summary>
    public static int[] PidsNamed(string comm) =>
        Directory.EnumerateDirectories("/proc").Select(Path.GetFileName)
            .Where(n => n!.All(char.IsAsciiDigit)).Select(n => int.Parse(n!, CultureInfo.InvariantCulture))
            .Where(p => { try { return File.ReadAllText($"/proc/{p}/comm").Trim() == comm; } catch (IOException) { return false; } })
            .ToArray();
}

/// <summary>
/// CPU used by each named process (and by the whole machine) over an interval, to tell what limited a run:
/// on 2 cores the load generator, the proxies, the services, PostgreSQL and whatever else runs on the machine compete.
/// </summary>
public sealed class CpuProbe
{
    readonly Dictionary<string, Func<long>> groups = [];
    readonly Dictionary<string, long> start = [];
    readonly (long Busy, long Total) machineStart;
    readonly long wrkStart;
    readonly DateTime startedAt;

    CpuProbe(Dictionary<string, Func<long>> groups)
    {
        this.groups = groups;
        foreach (var (name, ticks) in groups)
            start[name] = ticks();
        machineStart = ProcStats.MachineTicks();
        wrkStart = ProcStats.ChildrenCpuTicks(Environment.ProcessId);
        startedAt = DateTime.UtcNow;
    }

    /// <summary>Groups: "postgres" (all its processes), "bench" (this process), or a name from BENCH_Pids.</summary>
    public static CpuProbe Start(BenchOptions options, params string[] names)
    {
        var groups = new Dictionary<string, Func<long>>();
        foreach (var name in names)
        {
            if (name == "postgres")
                groups[name] = PostgresTicks(options);
            else if (name == "bench")
                groups[name] = () => ProcStats.CpuTicks(Environment.ProcessId);
            else if (options.Pids.TryGetValue(name, out var pid))
                groups[name] = () => ProcStats.CpuTicks([pid]);
        }
        return new CpuProbe(groups);
    }

    /// <summary>
    /// PostgreSQL serves other databases too (the test servers are shared), so only the backends connected to the
    /// bench databases count: a process per pooled connection, found in pg_stat_activity. A backend that ends within
    /// the interval loses its last ticks; the services' pools keep theirs open, so little is lost.
    /// </summary>
    static Func<long> PostgresTicks(BenchOptions options)
    {
        var baseline = new Dictionary<int, long>();
        var first = true;
        return () =>
        {
            var pids = new List<int>();
            using (var db = new NpgsqlConnection(options.Postgres))
            {
                db.Open();
                using var command = new NpgsqlCommand("select pid from pg_stat_activity where datname like @prefix", db);
                command.Parameters.AddWithValue("prefix", options.DatabasePrefix.Replace("_", "\\_", StringComparison.Ordinal) + "%");
                using var reader = command.ExecuteReader();
                while (reader.Read())
                    pids.Add(reader.GetInt32(0));
            }
            long total = 0;
            foreach (var pid in pids)
                try
                {
                    var ticks = ProcStats.CpuTicks(pid);
                    if (first) baseline[pid] = ticks;
                    total += ticks - baseline.GetValueOrDefault(pid);
                }
                catch (IOException) { }
            if (first) { first = false; return 0; }
            return total;
        };
    }

    /// <summary>CPU seconds each group used since the start.</summary>
    public Dictionary<string, double> Seconds() =>
        groups.ToDictionary(g => g.Key, g => (g.Value() - start[g.Key]) / ProcStats.TicksPerSecond);

    /// <summary>Cores used by each group since the start (1.0 = one core busy all the time), the machine, and the rest.</summary>
    public string Summary(bool withWrk = false)
    {
        var seconds = (DateTime.UtcNow - startedAt).TotalSeconds;
        var (busy, total) = ProcStats.MachineTicks();
        var used = Seconds();
        if (withWrk)
            used["wrk"] = (ProcStats.ChildrenCpuTicks(Environment.ProcessId) - wrkStart) / ProcStats.TicksPerSecond;
        var machine = (double)(busy - machineStart.Busy) / Math.Max(1, total - machineStart.Total) * Environment.ProcessorCount;
        var ours = used.Values.Sum() / seconds;
        return $"cores used: {string.Join(", ", used.Select(u => $"{u.Key} {Format.F(u.Value / seconds, "0.00")}"))}; "
            + $"machine {Format.F(machine, "0.00")} of {Environment.ProcessorCount}, of which other processes {Format.F(Math.Max(0, machine - ours), "0.00")}";
    }
}
