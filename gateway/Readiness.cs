using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy;

namespace PublicServices.Gateway;

static class ReadinessExtensions
{
    public static IServiceCollection AddGatewayReadiness(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<BackendReadiness>();
        services.AddHealthChecks().AddCheck<BackendReadiness>("services");
        // MapDefaultEndpoints maps /health/ready without options, so these (from DI) apply to it; /health/live keeps
        // its own options and stays a plain "Healthy".
        services.Configure<HealthCheckOptions>(o => o.ResponseWriter = ReadinessJson.WriteAsync);
        return services;
    }
}

/// <summary>
/// Ready when every cluster has at least one destination whose own /health/ready answers 2xx. Destinations are
/// probed in parallel with a short timeout, and the result is shared for Gateway:Readiness:CacheFor so that
/// frequent probes of the gateway do not multiply into probes of every service.
/// </summary>
sealed class BackendReadiness(IProxyStateLookup proxy, IOptions<GatewayOptions> options, TimeProvider time) : IHealthCheck, IDisposable
{
    readonly HttpClient http = new(new SocketsHttpHandler
    {
        ConnectTimeout = options.Value.Readiness.Timeout,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
    }) { Timeout = Timeout.InfiniteTimeSpan };
    readonly Lock gate = new();
    Task<HealthCheckResult>? current;
    long expires;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            var now = time.GetTimestamp();
            if (current is null || (current.IsCompleted && now >= expires))
            {
                current = ProbeAllAsync();
                expires = now + (long)(options.Value.Readiness.CacheFor.TotalSeconds * Stopwatch.Frequency);
            }
            return current.WaitAsync(cancellationToken);
        }
    }

    async Task<HealthCheckResult> ProbeAllAsync()
    {
        using var timeout = new CancellationTokenSource(options.Value.Readiness.Timeout, time);
        var clusters = proxy.GetClusters()
            .Select(cluster => (Name: cluster.ClusterId, Probes: cluster.Destinations.Values
                .Select(d => ProbeAsync(d.Model.Config.Health ?? d.Model.Config.Address, timeout.Token)).ToArray()))
            .ToArray();
        await Task.WhenAll(clusters.SelectMany(c => c.Probes));

        var data = new Dictionary<string, object>();
        var down = new List<string>();
        var degraded = false;
        foreach (var (name, probes) in clusters.OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            var failures = probes.Select(p => p.Result).OfType<string>().ToArray();
            var ready = probes.Length - failures.Length;
            if (ready == 0)
            {
                down.Add(name);
                data[name] = probes.Length == 0 ? "Unhealthy: no destination" : $"Unhealthy: {string.Join("; ", failures)}";
            }
            else
            {
                degraded |= failures.Length > 0;
                data[name] = failures.Length == 0 ? "Healthy" : $"Degraded: {string.Join("; ", failures)}";
            }
        }
        if (down.Count > 0)
            return HealthCheckResult.Unhealthy($"Not ready: {string.Join(", ", down)}", data: data);
        return degraded ? HealthCheckResult.Degraded("Some replicas are not ready", data: data) : HealthCheckResult.Healthy("All services ready", data);
    }

    /// <summary>Null when ready, otherwise what went wrong.</summary>
    async Task<string?> ProbeAsync(string address, CancellationToken cancel)
    {
        var url = address.TrimEnd('/') + "/health/ready";
        try
        {
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancel);
            return response.IsSuccessStatusCode ? null : $"{url} answered {(int)response.StatusCode}";
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            return $"{url} did not answer within {options.Value.Readiness.Timeout.TotalSeconds:0.#} s";
        }
        catch (HttpRequestException e)
        {
            return $"{url} unreachable ({e.HttpRequestError})";
        }
    }

    public void Dispose() => http.Dispose();
}

/// <summary>Compact JSON: the overall status and, per check, its status, description and data (one entry per service).</summary>
static class ReadinessJson
{
    public static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        await using var json = new Utf8JsonWriter(context.Response.Body);
        json.WriteStartObject();
        json.WriteString("status", report.Status.ToString());
        json.WriteStartObject("checks");
        foreach (var (name, entry) in report.Entries)
        {
            json.WriteStartObject(name);
            json.WriteString("status", entry.Status.ToString());
            if (entry.Description is { } description)
                json.WriteString("description", description);
            if (entry.Data.Count > 0)
            {
                json.WriteStartObject("data");
                foreach (var (key, value) in entry.Data)
                    json.WriteString(key, value?.ToString());
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        json.WriteEndObject();
        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted);
    }
}
