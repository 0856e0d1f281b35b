using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using PublicServices.Testing;

namespace PublicServices.Gateway.Tests;

/// <summary>
/// The real gateway (its Program.cs and appsettings.json) on a real Kestrel port, with configuration pointing
/// services:&lt;name&gt;:http:0 at the given backends. Kestrel, not TestServer: body-size limits only exist there.
/// </summary>
public sealed class GatewayHost : WebApplicationFactory<GatewayOptions>
{
    readonly Dictionary<string, string?> settings;

    GatewayHost(Dictionary<string, string?> settings) => this.settings = settings;

    public Uri Address { get; private set; } = null!;

    public static GatewayHost Start(IEnumerable<(string Service, string Address)> backends, Dictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Gateway:RateLimit:PermitLimit"] = "100000",
            ["Gateway:RateLimit:Login:PermitLimit"] = "100000",
            ["Gateway:Readiness:CacheFor"] = "00:00:00",
            // Off unless a test is about it: the echo backends must see every request.
            ["Gateway:EdgeCache:Lifetime"] = "00:00:00",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (service, address) in backends)
            settings[$"services:{service}:http:0"] = address;
        foreach (var (key, value) in overrides ?? [])
            settings[key] = value;
        var host = new GatewayHost(settings);
        host.Address = new Uri(host.StartOnLoopback());
        return host;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.ConfigureAppConfiguration(c => c.AddInMemoryCollection(settings));
        builder.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning));
    }

    /// <summary>A plain client (no redirects, no cookies), optionally connecting from another loopback address.</summary>
    public HttpClient Client(string? sourceAddress = null)
    {
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false };
        if (sourceAddress is not null)
        {
            var source = IPAddress.Parse(sourceAddress);
            handler.ConnectCallback = async (context, cancel) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(source, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancel);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            };
        }
        return new HttpClient(handler) { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };
    }
}

/// <summary>Problem details as the gateway writes them.</summary>
public static class ProblemAssert
{
    public static async Task<JsonElement> IsProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal((int)status, body.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("title").GetString()));
        // The problem names the same correlation id as the response header.
        Assert.Equal(response.Headers.GetValues("X-Correlation-Id").Single(), body.GetProperty("correlationId").GetString());
        return body;
    }
}

/// <summary>A generated body of a given size, sent with Content-Length or chunked, never held in memory whole.</summary>
public sealed class GeneratedContent(long length, bool chunked) : HttpContent
{
    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        var block = new byte[64 * 1024];
        Array.Fill(block, (byte)'x');
        for (var left = length; left > 0; left -= block.Length)
            await stream.WriteAsync(block.AsMemory(0, (int)Math.Min(block.Length, left)));
    }

    protected override bool TryComputeLength(out long size)
    {
        size = length;
        return !chunked;
    }
}
