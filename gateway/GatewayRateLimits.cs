using System.Buffers.Binary;
using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using PublicServices.ServiceDefaults;

namespace PublicServices.Gateway;

public static class GatewayRateLimitsExtensions
{
    /// <summary>Rate limiter policies routes refer to by name.</summary>
    public const string PerClient = "per-client";
    public const string Login = "login";
    public const string TrustedProxiesKey = "Gateway:TrustedProxies";

    /// <summary>
    /// Fixed windows per client address: "per-client" for all traffic, "login" (tighter) on the password and token
    /// posts. Limits come from Gateway:RateLimit; Enabled=false or a large PermitLimit for benchmarks. The counters
    /// live in this process, so each gateway replica counts on its own: this is a coarse flood guard per replica. The
    /// throttle that holds across replicas is the identity service's, per account and address, in its database.
    /// </summary>
    public static WebApplicationBuilder AddGatewayRateLimits(this WebApplicationBuilder builder)
    {
        // The client address comes from X-Forwarded-For only when the peer is a proxy named in Gateway:TrustedProxies.
        builder.Services.AddTrustedProxies(TrustedProxiesKey, ForwardedHeaders.XForwardedFor);
        builder.Services.AddRateLimiter(_ => { });
        builder.Services.AddOptions<RateLimiterOptions>().Configure<IOptions<GatewayOptions>>((limiter, gateway) =>
        {
            var o = gateway.Value.RateLimit;
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (rejected, _) => RejectAsync(rejected, o);
            limiter.AddPolicy(PerClient, Partitioner(o.Enabled, new WindowLimit { PermitLimit = o.PermitLimit, Window = o.Window, QueueLimit = o.QueueLimit }));
            limiter.AddPolicy(Login, Partitioner(o.Enabled, o.Login));
        });
        return builder;
    }

    static Func<HttpContext, RateLimitPartition<ClientKey>> Partitioner(bool enabled, WindowLimit limit)
    {
        if (!enabled)
            return _ => RateLimitPartition.GetNoLimiter(default(ClientKey));
        var options = new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit.PermitLimit,
            Window = limit.Window,
            QueueLimit = limit.QueueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = false, // the partitioned limiter replenishes all its windows from one timer
        };
        // One factory for all partitions: no closure is allocated per request.
        Func<ClientKey, RateLimiter> factory = _ => new FixedWindowRateLimiter(options);
        return context => RateLimitPartition.Get(ClientKey.Of(context), factory);
    }

    static ValueTask RejectAsync(OnRejectedContext rejected, RateLimitOptions o)
    {
        var context = rejected.HttpContext;
        var retry = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : o.Window;
        var seconds = Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return new ValueTask(GatewayProblems.WriteAsync(context, StatusCodes.Status429TooManyRequests,
            extensions: new Dictionary<string, object?> { ["retryAfterSeconds"] = seconds }));
    }
}

/// <summary>
/// Who a request counts against: the client's address, never a header the gateway has not verified (a bearer token
/// it cannot check, or X-Forwarded-For from a peer that is not a trusted proxy: see TrustedProxies). The address is
/// the socket's peer, or the client a proxy listed in Gateway:TrustedProxies names. IPv6 counts by its /64 network.
/// </summary>
readonly record struct ClientKey(UInt128 Value)
{
    public static ClientKey Of(HttpContext context)
    {
        Span<byte> address = stackalloc byte[16];
        address.Clear();
        TrustedProxies.Partition(context.Connection.RemoteIpAddress).TryWriteBytes(address, out _);
        return new ClientKey(BinaryPrimitives.ReadUInt128LittleEndian(address));
    }
}
