using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace PublicServices.Gateway;

/// <summary>
/// Public answers kept for a few seconds at the edge: the catalog's search and procedure pages are read by every
/// visitor and change only when an agency publishes, so a short life is fresh enough and takes repeated reads off the
/// catalog and its database (deadline rushes arrive as bursts of identical searches). Each replica keeps its own copy:
/// derived data that may be lost at any time, never shared state.
/// <para>
/// Only anonymous GET/HEAD answers 200 without cookies are kept; a request with credentials or cookies always goes
/// through, and "Cache-Control: no-cache" from the client skips the cache altogether (it neither reads nor refreshes
/// the copy, so such requests cost the gateway no more than the proxy hop).
/// </para>
/// </summary>
sealed class EdgeCachePolicy(IOptions<GatewayOptions> options, EdgeHeaders headers) : IOutputCachePolicy
{
    public const string Name = "edge";

    ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var request = context.HttpContext.Request;
        var lifetime = options.Value.EdgeCache.Lifetime;
        var cacheable = lifetime > TimeSpan.Zero
            && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && !request.Headers.ContainsKey(HeaderNames.Authorization)
            && !request.Headers.ContainsKey(HeaderNames.Cookie)
            && !request.Headers.CacheControl.ToString().Contains("no-cache", StringComparison.OrdinalIgnoreCase);
        context.EnableOutputCaching = cacheable;
        context.AllowCacheLookup = cacheable;
        context.AllowCacheStorage = cacheable;
        // Identical requests arriving together share one trip to the catalog.
        context.AllowLocking = cacheable;
        context.ResponseExpirationTimeSpan = lifetime;
        context.CacheVaryByRules.QueryKeys = "*";
        context.CacheVaryByRules.HeaderNames = HeaderNames.AcceptLanguage;
        return ValueTask.CompletedTask;
    }

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        // The stored headers carry the first request's correlation id: this request's goes on once they are copied.
        var http = context.HttpContext;
        http.Response.OnStarting(() =>
        {
            headers.Apply(http);
            return Task.CompletedTask;
        });
        return ValueTask.CompletedTask;
    }

    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var response = context.HttpContext.Response;
        if (response.StatusCode != StatusCodes.Status200OK || response.Headers.ContainsKey(HeaderNames.SetCookie))
            context.AllowCacheStorage = false;
        return ValueTask.CompletedTask;
    }
}

public sealed class EdgeCacheOptions
{
    /// <summary>How long a public answer is served from the edge; zero turns the cache off.</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromSeconds(10);
    /// <summary>Memory the cached answers may take in one gateway process.</summary>
    public long SizeLimitBytes { get; set; } = 32 * 1024 * 1024;
}

public static class EdgeCacheExtensions
{
    public static WebApplicationBuilder AddEdgeCache(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<EdgeCachePolicy>();
        builder.Services.AddOutputCache();
        builder.Services.AddOptions<OutputCacheOptions>().Configure<IOptions<GatewayOptions>, EdgeCachePolicy>((o, gateway, policy) =>
        {
            o.SizeLimit = gateway.Value.EdgeCache.SizeLimitBytes;
            o.AddPolicy(EdgeCachePolicy.Name, policy);
        });
        return builder;
    }
}
