namespace PublicServices.Bench;

/// <summary>
/// Part 1: CPU per request of our gateway against a bare YARP route, both proxying the same trivial backend.
/// CPU = delta of the proxy's utime + stime over a wrk run, divided by the requests wrk completed.
/// </summary>
public static class GatewayCostPart
{
    const string Part = "1";

    public static async Task RunAsync(BenchOptions o, Api api, Report report)
    {
        var direct = new Uri(o.Backend.TrimEnd('/') + o.ProxyPath);
        var targets = new (string Name, Uri Url, int Pid)[]
        {
            ("bare YARP", new Uri(o.BareProxy.TrimEnd('/') + o.ProxyPath), o.Pids["bareproxy"]),
            ("gateway", new Uri(o.Gateway.TrimEnd('/') + o.ProxyPath), o.Pids["gateway"]),
        };
        foreach (var url in targets.Select(t => t.Url).Prepend(direct))
        {
            using var check = await api.Http.GetAsync(url);
            var body = await check.Content.ReadAsByteArrayAsync();
            if ((int)check.StatusCode != 200 || body.Length != 200)
                throw new InvalidOperationException($"GET {url} answered {(int)check.StatusCode} with {body.Length} bytes, not 200 with 200 bytes");
        }
        foreach (var url in targets.Select(t => t.Url).Prepend(direct))
            await Wrk.RunAsync(o, url.ToString(), o.WarmupSeconds);

        var directRun = await Wrk.RunAsync(o, direct.ToString(), o.WrkSeconds);
        report.Note(Part, $"direct to the backend: {Format.F(directRun.RequestsPerSecond, "0")} req/s");

        var best = new Dictionary<string, (double Us, WrkResult Run)>();
        for (var round = 1; round <= o.Rounds; round++)
            foreach (var (name, url, pid) in targets)
            {
                var probe = CpuProbe.Start(o, "bareproxy", "gateway", "backend", "bench");
                var before = ProcStats.CpuTicks(pid);
                var run = await Wrk.RunAsync(o, url.ToString(), o.WrkSeconds);
                var us = (ProcStats.CpuTicks(pid) - before) / ProcStats.TicksPerSecond * 1e6 / run.Requests;
                report.Note(Part, $"round {round}, {name}: {Format.F(us)} µs CPU/request, {Format.F(run.RequestsPerSecond, "0")} req/s "
                    + $"({Format.F(run.RequestsPerSecond / directRun.RequestsPerSecond, "0.00")} of direct), p50 {run.Latency50}, "
                    + $"p99 {run.Latency99}, {run.ErrorText}; {probe.Summary(withWrk: true)}");
                if (!best.TryGetValue(name, out var b) || us < b.Us)
                    best[name] = (us, run);
            }

        var (bareUs, bareRun) = best["bare YARP"];
        var (gatewayUs, gatewayRun) = best["gateway"];
        var ratio = gatewayUs / bareUs;
        report.Add(Part, "Gateway CPU per proxied 200-byte GET (best round)",
            $"{Format.F(gatewayUs)} µs vs bare YARP {Format.F(bareUs)} µs", "≤ 1.25 × bare", Format.F(ratio, "0.000"),
            ratio <= 1.25 && gatewayRun.Errors == 0);
        report.Note(Part, $"throughput kept vs direct: bare YARP {Format.F(bareRun.RequestsPerSecond / directRun.RequestsPerSecond, "0.00")}, "
            + $"gateway {Format.F(gatewayRun.RequestsPerSecond / directRun.RequestsPerSecond, "0.00")}");
        if (gatewayRun.Errors > 0)
            report.Note(Part, $"the gateway answered {gatewayRun.Non2xx} non-2xx and had {gatewayRun.SocketErrors} socket errors: is the rate limit high enough?");
    }
}
