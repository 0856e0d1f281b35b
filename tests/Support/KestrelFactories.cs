using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PublicServices.Testing;

/// <summary>
/// An application under test on a real loopback port (Kestrel, not TestServer), for what must reach it over a socket:
/// a payment gateway's IPN, a browser, another process.
/// </summary>
public static class KestrelFactories
{
    /// <summary>Starts the factory's app on 127.0.0.1 and a free port; its address (http://127.0.0.1:port).</summary>
    public static string StartOnLoopback<TEntryPoint>(this WebApplicationFactory<TEntryPoint> factory) where TEntryPoint : class
    {
        factory.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        return factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
    }

    /// <summary>A plain client of an address: redirects are looked at, not followed, and no cookies are kept.</summary>
    public static HttpClient PlainClient(string address) => new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
    {
        BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(30),
    };
}

/// <summary>An app (by its entry point's assembly) with settings of the test on top of its own, logging warnings only.</summary>
public sealed class SettingsFactory<TEntryPoint>(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<TEntryPoint>
    where TEntryPoint : class
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.ConfigureAppConfiguration(c => c.AddInMemoryCollection(settings));
        builder.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning));
    }
}
