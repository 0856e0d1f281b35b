using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using PublicServices.ServiceDefaults.Resources;

namespace PublicServices.ServiceDefaults;

/// <summary>What every PublicServices process shares: telemetry, health, problem details, languages, HTTP clients.</summary>
public static class ServiceDefaultsExtensions
{
    public const string LiveTag = "live";
    /// <summary>Retry-After of every 503 problem, in seconds.</summary>
    public const string RetryAfterSeconds = "2";
    public static readonly string[] SupportedCultures = ["vi", "en"];

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);
        builder.Services.AddLocalization();
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            var problem = ctx.ProblemDetails;
            var text = ctx.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedMessages>>();
            if (problem is HttpValidationProblemDetails && problem.Title is null or FrameworkValidationTitle)
                problem.Title = text["Validation.Title"];
            else if (problem.Status is { } status && (problem.Title is null || problem.Title == FrameworkTitle(status))
                && text[$"Status.{status}"] is { ResourceNotFound: false } title)
                problem.Title = title;
            problem.Extensions.TryAdd("traceId", ctx.HttpContext.TraceIdentifier);
            // Every 503 says when to try again (a dependency is down, a replica restarts): clients retry, not give up.
            if (problem.Status == StatusCodes.Status503ServiceUnavailable && !ctx.HttpContext.Response.Headers.ContainsKey(HeaderNames.RetryAfter))
                ctx.HttpContext.Response.Headers.RetryAfter = RetryAfterSeconds;
            if (ctx.HttpContext.Request.Headers.TryGetValue(CorrelationId.Header, out var cid))
                problem.Extensions.TryAdd("correlationId", cid.ToString());
        });
        builder.Services.AddExceptionHandler<UnavailableDependencyHandler>();
        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
            http.AddHttpMessageHandler(() => new CorrelationIdForwardingHandler());
        });
        builder.Services.AddHttpContextAccessor();
        builder.Services.Configure<RequestLocalizationOptions>(o =>
        {
            // Vietnamese first: a request that names no language gets Vietnamese.
            o.SetDefaultCulture("vi").AddSupportedCultures(SupportedCultures).AddSupportedUICultures(SupportedCultures);
            o.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });
        return builder;
    }

    /// <summary>The titles the framework gives answers it writes itself (401 from authentication, 404 from routing, …).</summary>
    static string? FrameworkTitle(int status) => status switch
    {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        413 => "Request Entity Too Large",
        415 => "Unsupported Media Type",
        429 => "Too Many Requests",
        500 => "An error occurred while processing your request.",
        _ => null,
    };

    const string FrameworkValidationTitle = "One or more validation errors occurred.";

    /// <summary>
    /// Traces, metrics and logs over OTLP when a collector is configured (OTEL_EXPORTER_OTLP_ENDPOINT; the AppHost sets
    /// it for its dashboard). Without one nothing is instrumented: collecting spans and metrics nobody receives cost
    /// every request a few per cent of a service's CPU.
    /// </summary>
    static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
            return builder;
        builder.Logging.AddOpenTelemetry(l => { l.IncludeFormattedMessage = true; l.IncludeScopes = true; });
        builder.Services.AddOpenTelemetry()
            .WithMetrics(m => m.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddMeter("System.Runtime", Messaging.MessagingMetrics.MeterName))
            .WithTracing(t => t.AddSource(builder.Environment.ApplicationName)
                .AddAspNetCoreInstrumentation(o => o.Filter = ctx => !ctx.Request.Path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase))
                .AddHttpClientInstrumentation())
            .UseOtlpExporter();
        return builder;
    }

    /// <summary>Liveness answers while the process runs; readiness also checks its database and dependencies.</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = r => r.Tags.Contains(LiveTag) }).AllowAnonymous();
        app.MapHealthChecks("/health/ready").AllowAnonymous();
        return app;
    }

    /// <summary>The middleware every API service runs, in order.</summary>
    public static WebApplication UseServiceDefaults(this WebApplication app)
    {
        // Language first: the error pages below answer in it too.
        app.UseRequestLocalization();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<CorrelationIdMiddleware>();
        app.UseSecureCookiesForPublicAddress();
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }
}
