using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace PublicServices.ServiceDefaults;

/// <summary>What every PublicServices process shares: telemetry, health, problem details, languages, HTTP clients.</summary>
public static class ServiceDefaultsExtensions
{
    public const string LiveTag = "live";
    public static readonly string[] SupportedCultures = ["vi", "en"];

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            if (ctx.ProblemDetails.Status is { } status && StandardTitles.TryGetValue(status, out var title)
                && (ctx.ProblemDetails.Title is null || ctx.ProblemDetails.Title == title.Default))
                ctx.ProblemDetails.Title = Problems.Text(title.Vi, title.En);
            ctx.ProblemDetails.Extensions.TryAdd("traceId", ctx.HttpContext.TraceIdentifier);
            if (ctx.HttpContext.Request.Headers.TryGetValue(CorrelationId.Header, out var cid))
                ctx.ProblemDetails.Extensions.TryAdd("correlationId", cid.ToString());
        });
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

    /// <summary>Titles for answers the framework writes itself (401 from authentication, 404 from routing, …).</summary>
    static readonly Dictionary<int, (string Default, string Vi, string En)> StandardTitles = new()
    {
        [400] = ("Bad Request", "Yêu cầu không hợp lệ", "The request is not valid"),
        [401] = ("Unauthorized", "Bạn cần đăng nhập để tiếp tục", "You need to log in to continue"),
        [403] = ("Forbidden", "Bạn không có quyền thực hiện thao tác này", "You are not allowed to do this"),
        [404] = ("Not Found", "Không tìm thấy", "Not found"),
        [405] = ("Method Not Allowed", "Phương thức không được hỗ trợ", "Method not allowed"),
        [413] = ("Request Entity Too Large", "Dữ liệu gửi lên quá lớn", "The request is too large"),
        [415] = ("Unsupported Media Type", "Định dạng dữ liệu không được hỗ trợ", "Unsupported media type"),
        [429] = ("Too Many Requests", "Quá nhiều yêu cầu, vui lòng thử lại sau", "Too many requests, please try again later"),
        [500] = ("An error occurred while processing your request.", "Đã có lỗi xảy ra, vui lòng thử lại sau", "Something went wrong, please try again later"),
    };

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
            .WithMetrics(m => m.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddMeter("System.Runtime"))
            .WithTracing(t => t.AddSource(builder.Environment.ApplicationName)
                .AddAspNetCoreInstrumentation(o => o.Filter = ctx => !ctx.Request.Path.StartsWithSegments("/health"))
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
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    /// <summary>True when the current UI language is English; Vietnamese otherwise.</summary>
    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
}
