namespace PublicServices.Bench;

/// <summary>
/// Part 2: the catalog's first search page, direct to the catalog service and through the gateway as deployed (its
/// edge cache keeps public catalog answers for a few seconds), and through the gateway with the cache skipped by the
/// client ("Cache-Control: no-cache"), which shows the proxy's own cost.
/// </summary>
public static class CatalogSearchPart
{
    const string Part = "2";
    const string Path = "/api/catalog/procedures?page=1&pageSize=20";

    public static async Task RunAsync(BenchOptions o, Api api, Report report)
    {
        const string NoCache = "Cache-Control: no-cache";
        var targets = new (string Name, Uri Url, string[] Headers)[]
        {
            ("direct", new Uri(o.Catalog.TrimEnd('/') + Path), []),
            ("gateway", new Uri(o.Gateway.TrimEnd('/') + Path), []),
            ("gateway, edge cache skipped", new Uri(o.Gateway.TrimEnd('/') + Path), [NoCache]),
        };
        foreach (var (_, url, _) in targets)
        {
            var page = await api.GetJsonAsync(url);
            if (page["items"] is not System.Text.Json.Nodes.JsonArray { Count: > 0 } items)
                throw new InvalidOperationException($"GET {url} returned no items");
        }
        foreach (var (_, url, headers) in targets)
            await Wrk.RunAsync(o, url.ToString(), o.WarmupSeconds, headers);

        var best = new Dictionary<string, WrkResult>();
        for (var round = 1; round <= o.Rounds; round++)
            foreach (var (name, url, headers) in targets)
            {
                var probe = CpuProbe.Start(o, "gateway", "catalog", "postgres", "bench");
                var run = await Wrk.RunAsync(o, url.ToString(), o.WrkSeconds, headers);
                var perRequest = string.Join(", ", probe.Seconds().Where(c => c.Key != "bench" && c.Value > 0.05)
                    .Select(c => $"{c.Key} {Format.F(c.Value * 1e6 / Math.Max(1, run.Requests), "0")}"));
                report.Note(Part, $"round {round}, {name}: {Format.F(run.RequestsPerSecond, "0")} req/s, p50 {run.Latency50}, "
                    + $"p99 {run.Latency99}, {run.ErrorText}; CPU µs/request: {perRequest}; {probe.Summary(withWrk: true)}");
                if (!best.TryGetValue(name, out var b) || run.RequestsPerSecond > b.RequestsPerSecond)
                    best[name] = run;
            }

        var ratio = best["gateway"].RequestsPerSecond / best["direct"].RequestsPerSecond;
        report.Add(Part, "Catalog search page 1 (20 items), through gateway vs direct (best round)",
            $"{Format.F(best["gateway"].RequestsPerSecond, "0")} vs {Format.F(best["direct"].RequestsPerSecond, "0")} req/s",
            "≥ 0.8 × direct", Format.F(ratio, "0.000"), ratio >= 0.8 && best["gateway"].Errors == 0 && best["direct"].Errors == 0);
        var skipped = best["gateway, edge cache skipped"];
        var proxyRatio = skipped.RequestsPerSecond / best["direct"].RequestsPerSecond;
        report.Add(Part, "Same, edge cache skipped by the client (the proxy hop's own cost)",
            $"{Format.F(skipped.RequestsPerSecond, "0")} vs {Format.F(best["direct"].RequestsPerSecond, "0")} req/s",
            "≥ 0.8 × direct", Format.F(proxyRatio, "0.000"), proxyRatio >= 0.8 && skipped.Errors == 0);
    }
}
