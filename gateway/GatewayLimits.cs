using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace PublicServices.Gateway;

public static class GatewayLimitsExtensions
{
    /// <summary>Kestrel's global limits and the named timeout policies routes refer to ("standard", "upload").</summary>
    public static WebApplicationBuilder AddGatewayLimits(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<KestrelServerOptions>().Configure<IOptions<GatewayOptions>>((kestrel, gateway) =>
        {
            kestrel.AddServerHeader = false;
            // Small for everything; ProxyGuard raises it per request to the route's own limit.
            kestrel.Limits.MaxRequestBodySize = gateway.Value.Limits.DefaultBytes;
        });
        builder.Services.AddRequestTimeouts();
        builder.Services.AddOptions<RequestTimeoutOptions>().Configure<IOptions<GatewayOptions>>((timeouts, gateway) =>
        {
            var t = gateway.Value.Timeouts;
            timeouts.DefaultPolicy = new RequestTimeoutPolicy { Timeout = t.Default };
            timeouts.AddPolicy(RouteRules.StandardTimeout, t.Default);
            timeouts.AddPolicy(RouteRules.UploadTimeout, t.Upload);
        });
        return builder;
    }
}
