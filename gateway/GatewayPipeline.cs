namespace PublicServices.Gateway;

public static class GatewayPipelineExtensions
{
    /// <summary>
    /// The gateway's middleware, in order. Deliberately without request localization, authentication or status-code
    /// pages: each costs time on every proxied request, and none is needed to forward one.
    /// </summary>
    public static WebApplication UseGatewayPipeline(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseForwardedHeaders();             // the client's address, from a trusted proxy only, before anything counts it
        app.UseRouting();
        app.UseMiddleware<EdgeMiddleware>();   // correlation id + security headers, before anything can answer
        app.UseRateLimiter();                  // after routing: policies come from the matched route
        app.UseRequestTimeouts();
        app.UseOutputCache();                  // after the rate limiter: a cached answer still counts
        // Unknown paths answer 404 problem details, not an empty 404.
        app.MapFallback("{**path}", context => GatewayProblems.WriteAsync(context, StatusCodes.Status404NotFound)).AllowAnonymous();
        return app;
    }
}
