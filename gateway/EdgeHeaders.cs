using System.Diagnostics;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using PublicServices.ServiceDefaults;
using Yarp.ReverseProxy.Model;

namespace PublicServices.Gateway;

/// <summary>
/// The headers every answer leaves the gateway with: the correlation id and the security headers. They are applied
/// to answers the gateway writes itself, after a backend's headers are copied (YARP appends, so they overwrite a
/// backend's own values instead of doubling them), and on problem details (which clear the response first).
/// </summary>
sealed class EdgeHeaders
{
    const string ReferrerPolicy = "Referrer-Policy";
    const string PermissionsPolicy = "Permissions-Policy";
    const string CrossOriginOpenerPolicy = "Cross-Origin-Opener-Policy";
    static readonly StringValues NoSniff = "nosniff", Deny = "DENY", SameOrigin = "same-origin";

    // Built once: setting a header then costs no allocation per request.
    readonly StringValues referrer, permissions, hsts, csp;
    readonly bool publicHttps;

    /// <summary>HSTS goes on every answer when the public address (<see cref="PublicAddress"/>) is https, even if TLS ended before the gateway.</summary>
    public EdgeHeaders(IOptions<GatewayOptions> options, IConfiguration configuration)
    {
        var o = options.Value.SecurityHeaders;
        (referrer, permissions, hsts, csp) = (o.ReferrerPolicy, o.PermissionsPolicy, o.StrictTransportSecurity, o.ContentSecurityPolicy);
        publicHttps = PublicAddress.IsHttps(configuration);
    }

    public void Apply(HttpContext context)
    {
        var h = context.Response.Headers;
        h[CorrelationId.Header] = context.Request.Headers[CorrelationId.Header];
        h.XContentTypeOptions = NoSniff;
        h.XFrameOptions = Deny;
        h[ReferrerPolicy] = referrer;
        h[PermissionsPolicy] = permissions;
        h[CrossOriginOpenerPolicy] = SameOrigin;
        if (publicHttps || context.Request.IsHttps)
            h.StrictTransportSecurity = hsts;
    }

    /// <summary>After a backend's headers were copied: our values win, server banners go, HTML gets a CSP.</summary>
    public void ApplyToProxied(HttpContext context)
    {
        Apply(context);
        var h = context.Response.Headers;
        h.Remove(HeaderNames.Server);
        h.Remove(HeaderNames.XPoweredBy);
        if (h.ContentSecurityPolicy.Count == 0 && context.Response.ContentType is { } type
            && type.StartsWith("text/html", StringComparison.OrdinalIgnoreCase))
            h.ContentSecurityPolicy = csp;
    }
}

/// <summary>
/// Right after routing: settles the correlation id (forwarded to the backend as the request header) and, for answers
/// the gateway writes itself (health, fallback), puts the edge headers on the response. A proxied request gets them
/// once, in the YARP response transform, and rate-limit or limit refusals get them through problem details.
/// </summary>
sealed class EdgeMiddleware(RequestDelegate next, EdgeHeaders headers)
{
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request.Headers;
        var incoming = request[CorrelationId.Header];
        string id;
        if (incoming.Count == 1 && CorrelationId.IsAcceptable(incoming[0]))
            id = incoming[0]!;
        else
            request[CorrelationId.Header] = id = CorrelationId.New();
        Activity.Current?.SetTag("correlation.id", id);
        if (context.GetEndpoint()?.Metadata.GetMetadata<RouteModel>() is null)
            headers.Apply(context);
        return next(context);
    }
}
