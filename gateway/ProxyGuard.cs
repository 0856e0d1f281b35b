using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Forwarder;

namespace PublicServices.Gateway;

/// <summary>
/// Runs in YARP's pipeline for every proxied request: refuses the services' internal addresses, enforces the route's
/// body limit before anything reaches the backend, and turns a forwarding failure into problem details.
/// </summary>
sealed class ProxyGuard(RequestDelegate next, IOptions<GatewayOptions> options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (InternalPaths.IsInternal(context.Request.Path))
        {
            await GatewayProblems.WriteAsync(context, StatusCodes.Status404NotFound);
            return;
        }
        // RouteRules resolved the route's "BodyLimit" metadata into this number when the configuration loaded.
        if (context.GetRouteModel().Config.MaxRequestBodySize is long limit)
        {
            var size = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
            if (context.Request.ContentLength is long declared && declared > limit)
            {
                await RefuseDeclaredAsync(context, size, limit, declared);
                return;
            }
            // Kestrel's global limit stays small; only this request is allowed up to its route's limit. A chunked
            // body is cut when it passes the limit: Kestrel throws a 413 BadHttpRequestException, YARP reports it.
            if (size is { IsReadOnly: false })
                size.MaxRequestBodySize = limit;
        }

        await next(context);

        if (context.Features.Get<IForwarderErrorFeature>() is { } error)
            await ReportAsync(context, error);
    }

    /// <summary>Refuses a body whose Content-Length is over the limit, before a byte of it is read or forwarded.</summary>
    Task RefuseDeclaredAsync(HttpContext context, IHttpMaxRequestBodySizeFeature? size, long limit, long declared)
    {
        // A client without "Expect: 100-continue" finishes sending before it reads the answer. A modest body is
        // therefore let in for Kestrel to read and discard after the 413, so the client sees it; a larger one
        // ends the connection instead of costing the bandwidth.
        if (declared <= limit + options.Value.Limits.DrainBytes && size is { IsReadOnly: false })
            size.MaxRequestBodySize = declared;
        else
            context.Response.Headers.Connection = "close";
        return TooLargeAsync(context, limit);
    }

    static Task TooLargeAsync(HttpContext context, long limit) =>
        GatewayProblems.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, extensions: new Dictionary<string, object?> { ["limitBytes"] = limit });

    static Task ReportAsync(HttpContext context, IForwarderErrorFeature error)
    {
        if (context.Response.HasStarted)
            return Task.CompletedTask; // YARP has already reset the stream; nothing more can be said
        var timedOut = context.Features.Get<IHttpRequestTimeoutFeature>()?.RequestTimeoutToken.IsCancellationRequested == true;
        switch (error.Error)
        {
            case ForwarderError.RequestCanceled or ForwarderError.RequestBodyCanceled when timedOut:
                // The route's timeout fired: RequestAborted is cancelled, but the client is still there to be told.
                context.RequestAborted = CancellationToken.None;
                return GatewayProblems.WriteAsync(context, StatusCodes.Status504GatewayTimeout);
            case ForwarderError.RequestCanceled or ForwarderError.RequestBodyCanceled:
                return Task.CompletedTask; // the client went away
            case ForwarderError.RequestTimedOut:
                return GatewayProblems.WriteAsync(context, StatusCodes.Status504GatewayTimeout);
            case ForwarderError.RequestBodyClient when context.Response.StatusCode == StatusCodes.Status413PayloadTooLarge:
                return TooLargeAsync(context, context.GetRouteModel().Config.MaxRequestBodySize ?? 0);
            default:
                // YARP has chosen the status (502 unreachable, 503 no destination, 400/408 bad client body, …).
                var status = context.Response.StatusCode >= 400 ? context.Response.StatusCode : StatusCodes.Status502BadGateway;
                return GatewayProblems.WriteAsync(context, status);
        }
    }
}
