using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PublicServices.Identity.Data;
using PublicServices.Testing;

namespace PublicServices.Browser.Tests;

/// <summary>The identity service on a real Kestrel port and a real PostgreSQL, and Debian's Chromium driven by Playwright.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    PostgresDatabase? database;
    WebApplicationFactory<IdentityDb>? identity;
    IPlaywright? playwright;
    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        database = await PostgresDatabase.CreateAsync("browser");
        identity = new WebApplicationFactory<IdentityDb>().WithWebHostBuilder(b =>
        {
            b.UseSetting("Database:Provider", "Postgres");
            b.UseSetting("ConnectionStrings:identity", database.ConnectionString);
            b.UseSetting("Logging:LogLevel:Default", "Warning");
        });
        identity.UseKestrel(0);
        identity.StartServer();
        BaseUrl = identity.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A new page in a Vietnamese browser; a phone-sized viewport when asked.</summary>
    public async Task<IPage> PageAsync(bool phone = false) => await (await Browser.NewContextAsync(phone
        ? new BrowserNewContextOptions { Locale = "vi-VN", ViewportSize = new() { Width = 375, Height = 812 }, IsMobile = true, HasTouch = true }
        : new BrowserNewContextOptions { Locale = "vi-VN" })).NewPageAsync();

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        playwright?.Dispose();
        if (identity is not null) await identity.DisposeAsync();
        if (database is not null) await database.DisposeAsync();
    }
}
