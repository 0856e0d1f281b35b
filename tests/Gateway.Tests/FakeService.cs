using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PublicServices.Gateway.Tests;

/// <summary>
/// A real Kestrel app standing for one service behind the gateway. Every path echoes what arrived (service,
/// path, query, headers, body size); paths ending in "/slow" wait 10 s, "/page" answers HTML; /health/ready can be
/// switched to 503.
/// </summary>
public sealed class FakeService : IAsyncDisposable
{
    readonly WebApplication app;
    int hits, readinessProbes;
    long lastBodyBytes;

    public string Name { get; }
    public string Address { get; private set; } = "";
    public volatile bool Ready = true;
    public int Hits => Volatile.Read(ref hits);
    public int ReadinessProbes => Volatile.Read(ref readinessProbes);
    public long LastBodyBytes => Interlocked.Read(ref lastBodyBytes);

    FakeService(string name)
    {
        Name = name;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, 0);
            k.Limits.MaxRequestBodySize = null; // the gateway is the one that limits
        });
        app = builder.Build();
        app.MapGet("/health/ready", () =>
        {
            Interlocked.Increment(ref readinessProbes);
            return Ready ? Results.Text("Healthy") : Results.Text("Unhealthy", statusCode: 503);
        });
        app.Map("/{**path}", EchoAsync);
    }

    public static async Task<FakeService> StartAsync(string name)
    {
        var service = new FakeService(name);
        await service.app.StartAsync();
        service.Address = service.app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return service;
    }

    async Task EchoAsync(HttpContext context)
    {
        Interlocked.Increment(ref hits);
        var path = context.Request.Path.Value ?? "";
        if (path.EndsWith("/slow", StringComparison.Ordinal))
            await Task.Delay(TimeSpan.FromSeconds(10), context.RequestAborted);

        long bytes = 0;
        var buffer = new byte[81920];
        int read;
        while ((read = await context.Request.Body.ReadAsync(buffer, context.RequestAborted)) > 0)
            bytes += read;
        Interlocked.Exchange(ref lastBodyBytes, bytes);

        // Banners a real backend might send; the gateway must not pass them on.
        context.Response.Headers.Server = "Kestrel";
        context.Response.Headers.XPoweredBy = "ASP.NET";
        // A service echoes the correlation id too; the gateway must not double it.
        context.Response.Headers["X-Correlation-Id"] = context.Request.Headers["X-Correlation-Id"];
        if (path.EndsWith("/page", StringComparison.Ordinal))
        {
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync("<!doctype html><title>login</title>");
            return;
        }
        await context.Response.WriteAsJsonAsync(new Echo(Name, path, context.Request.QueryString.Value ?? "", context.Request.Method, bytes,
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase)));
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}

public sealed record Echo(string Service, string Path, string Query, string Method, long BodyBytes, Dictionary<string, string> Headers)
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<Echo> ReadAsync(HttpResponseMessage response)
    {
        var echo = await response.Content.ReadFromJsonAsync<Echo>(Json);
        var result = echo ?? throw new InvalidOperationException("no echo");
        return result with { Headers = new Dictionary<string, string>(result.Headers, StringComparer.OrdinalIgnoreCase) };
    }
}
