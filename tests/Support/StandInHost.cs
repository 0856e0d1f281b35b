using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PublicServices.Testing;

/// <summary>
/// A real Kestrel app on a free loopback port, standing in for a service that is tested elsewhere, so the service
/// under test calls it through its real Refit client, resilience handler and service discovery.
/// </summary>
public abstract class StandInHost : IAsyncDisposable
{
    WebApplication? app;

    /// <summary>The base address, for <c>services:NAME:http:0</c>.</summary>
    public string Address { get; private set; } = "";

    protected static WebApplicationBuilder NewBuilder()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        return builder;
    }

    protected async Task StartAsync(WebApplication started)
    {
        app = started;
        await app.StartAsync();
        Address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
        GC.SuppressFinalize(this);
    }
}
