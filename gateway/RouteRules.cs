using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Configuration;

namespace PublicServices.Gateway;

/// <summary>
/// Checks that every route in configuration states its own rules, and turns its "BodyLimit" metadata into bytes.
/// A route that leaves one out fails the configuration load, so nothing is proxied under a forgotten default.
/// </summary>
sealed class RouteRules(IOptions<GatewayOptions> options) : IProxyConfigFilter
{
    /// <summary>Route metadata naming the body limit class: "Default" or "Upload".</summary>
    public const string BodyLimit = "BodyLimit";
    public const string DefaultLimit = "Default";
    public const string UploadLimit = "Upload";

    /// <summary>Timeout policies a route may name (values from Gateway:Timeouts).</summary>
    public const string StandardTimeout = "standard";
    public const string UploadTimeout = "upload";

    /// <summary>The one authorization policy the gateway enforces itself: see appsettings.json for why.</summary>
    public const string Anonymous = "anonymous";

    public ValueTask<ClusterConfig> ConfigureClusterAsync(ClusterConfig cluster, CancellationToken cancel) => ValueTask.FromResult(cluster);

    public ValueTask<RouteConfig> ConfigureRouteAsync(RouteConfig route, ClusterConfig? cluster, CancellationToken cancel)
    {
        var id = route.RouteId;
        if (!string.Equals(route.AuthorizationPolicy, Anonymous, StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"Route '{id}': AuthorizationPolicy must be stated and be \"anonymous\"; "
                + "the gateway validates no tokens, each service checks its own audience.");
        if (string.IsNullOrEmpty(route.RateLimiterPolicy))
            throw new InvalidOperationException($"Route '{id}': RateLimiterPolicy must be stated.");
        if (string.IsNullOrEmpty(route.TimeoutPolicy) && route.Timeout is null)
            throw new InvalidOperationException($"Route '{id}': TimeoutPolicy (or Timeout) must be stated.");
        if (route.MaxRequestBodySize is not null)
            throw new InvalidOperationException($"Route '{id}': set the body limit with Metadata:BodyLimit, not MaxRequestBodySize.");

        var limits = options.Value.Limits;
        long bytes = route.Metadata?.GetValueOrDefault(BodyLimit) switch
        {
            DefaultLimit => limits.DefaultBytes,
            UploadLimit => limits.UploadBytes,
            var other => throw new InvalidOperationException(
                $"Route '{id}': Metadata:BodyLimit must be \"{DefaultLimit}\" or \"{UploadLimit}\", not \"{other}\"."),
        };
        // Resolved once here so the per-request check reads a number instead of parsing metadata.
        return ValueTask.FromResult(route with { MaxRequestBodySize = bytes });
    }
}
