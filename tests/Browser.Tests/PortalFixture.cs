using System.Net.Http.Json;
using System.Security.Cryptography;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Npgsql;
using PublicServices.Testing;

namespace PublicServices.Browser.Tests;

/// <summary>
/// The whole system (<see cref="SystemFixture"/>: Production mode, PostgreSQL, the S3 server, two replicas of every
/// service behind the gateway) and Debian's Chromium. Every page is opened through the gateway, under its real
/// security headers; each page records its console errors and CSP violations, which <see cref="Tab.AssertClean"/> checks.
/// </summary>
public sealed class PortalFixture : IAsyncLifetime
{
    public SystemFixture System { get; } = new() { RequireOfficerTotp = true };
    IPlaywright? playwright;
    public IBrowser Browser { get; private set; } = null!;
    public static string Url(string path) => SystemFixture.Gateway.ToString().TrimEnd('/') + path;

    public async Task InitializeAsync()
    {
        await System.InitializeAsync();
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A new browser (its own cookies): Vietnamese, desktop unless a phone is asked for, scripts on unless turned off.</summary>
    public async Task<Tab> OpenAsync(bool phone = false, bool javaScript = true, string locale = "vi-VN")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = locale,
            JavaScriptEnabled = javaScript,
            ViewportSize = phone ? new() { Width = 375, Height = 812 } : new() { Width = 1280, Height = 900 },
            IsMobile = phone,
            HasTouch = phone,
        });
        context.SetDefaultTimeout(20_000);
        return await Tab.OpenAsync(context);
    }

    /// <summary>Every session of the portal ends on the server, as when they expire: the session rows go from the web database.</summary>
    public async Task EndAllSessionsAsync()
    {
        var web = new NpgsqlConnectionStringBuilder(TestServers.PostgresAdmin) { Database = System.DatabasePrefix + "web" };
        await using var connection = new NpgsqlConnection(web.ConnectionString);
        await connection.OpenAsync();
        await using var delete = new NpgsqlCommand("DELETE FROM sessions", connection);
        Assert.True(await delete.ExecuteNonQueryAsync() > 0, "there was no session to end");
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        playwright?.Dispose();
        await System.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class PortalCollection : ICollectionFixture<PortalFixture>
{
    public const string Name = "portal";
}

/// <summary>One browser tab with what it saw go wrong: console errors, failed requests and CSP violations.</summary>
public sealed class Tab
{
    public IPage Page { get; }
    public List<string> Problems { get; } = [];

    /// <summary>The answer of the page's last navigation (after redirects): its status and headers.</summary>
    public IResponse? Document { get; private set; }

    Tab(IPage page) => Page = page;

    const string FailedToLoad = "Failed to load resource: the server responded with a status of";

    public static async Task<Tab> OpenAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        var portal = new Tab(page);
        // Chromium also logs each answer of 400 and up as a console error: the Response handler below judges those.
        page.Console += (_, m) =>
        {
            if (m.Type == "error" && !m.Text.StartsWith(FailedToLoad, StringComparison.Ordinal)) portal.Problems.Add("console: " + m.Text);
        };
        page.PageError += (_, e) => portal.Problems.Add("script: " + e);
        page.RequestFailed += (_, r) => portal.Problems.Add($"request failed: {r.Url} {r.Failure}");
        // A page may answer 4xx on purpose (a form with errors); what it loads (styles, scripts, images) may not.
        page.Response += (_, r) => { if (r.Status >= 400 && r.Request.ResourceType != "document") portal.Problems.Add($"{r.Status}: {r.Url}"); };
        page.Response += (_, r) => { if (r.Request.IsNavigationRequest && r.Frame == page.MainFrame) portal.Document = r; };
        // A CSP violation also reaches the console, but only with scripts on; the DOM event says which directive.
        await page.AddInitScriptAsync("document.addEventListener('securitypolicyviolation', e => console.error('CSP ' + e.violatedDirective + ' ' + e.blockedURI));");
        return portal;
    }

    public async Task<IResponse> GoAsync(string path)
    {
        var response = await Page.GotoAsync(PortalFixture.Url(path));
        return response!;
    }

    /// <summary>No console error, no blocked style or script, no failed request since the tab opened.</summary>
    public void AssertClean() => Assert.True(Problems.Count == 0, string.Join("\n", Problems));

    static readonly AxeRunOptions WcagAA = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
    };

    /// <summary>axe finds no serious or critical WCAG 2.2 AA violation, and the page does not scroll sideways.</summary>
    public async Task AssertAccessibleAsync()
    {
        var result = await Page.RunAxe(WcagAA);
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, Page.Url + "\n" + string.Join("\n", serious.Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Html))})")));
        var overflow = await Page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow, Page.Url + " scrolls sideways");
    }

    /// <summary>Saves a screenshot under docs/screenshots when PUBLICSERVICES_SCREENSHOTS names that folder.</summary>
    public async Task ScreenshotAsync(string name)
    {
        if (Environment.GetEnvironmentVariable("PUBLICSERVICES_SCREENSHOTS") is { Length: > 0 } folder)
            await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }

    /// <summary>
    /// The page as it is now, at desktop width and at 375 px (<c>name-desktop</c>, <c>name-phone</c>), for a state a
    /// journey reaches that the tour does not; the tab's own size is kept.
    /// </summary>
    public async Task ScreenshotBothWidthsAsync(string name)
    {
        if (Environment.GetEnvironmentVariable("PUBLICSERVICES_SCREENSHOTS") is not { Length: > 0 })
            return;
        var size = Page.ViewportSize!;
        await Page.SetViewportSizeAsync(1280, 900);
        await ScreenshotAsync(name + "-desktop");
        await Page.SetViewportSizeAsync(375, 812);
        await ScreenshotAsync(name + "-phone");
        await Page.SetViewportSizeAsync(size.Width, size.Height);
    }
}

public sealed record Person(string FullName, string NationalId, string Email, string Phone, string Password);

public static class People
{
    public static readonly string OfficerPassword = SystemTesting.SystemFixture.OfficerPassword;

    public static Person NewCitizen()
    {
        var n = RandomNumberGenerator.GetInt32(0, 1_000_000);
        return new Person($"Nguyễn Thị Thử {n}", $"042190{n:D6}", $"web{n}.{Guid.NewGuid():N}"[..24] + "@example.vn",
            $"09{RandomNumberGenerator.GetInt32(10_000_000, 99_999_999)}", "Citizen@2026!");
    }

    /// <summary>
    /// A citizen registered through the API, the e-mail address confirmed with the link mailed to smtp4dev (for tests
    /// whose subject is not the registration page).
    /// </summary>
    public static async Task<Person> RegisteredCitizenAsync()
    {
        var c = NewCitizen();
        using var http = new HttpClient { BaseAddress = SystemTesting.SystemFixture.Gateway };
        using var response = await http.PostAsJsonAsync("/api/identity/citizens",
            new { fullName = c.FullName, nationalId = c.NationalId, email = c.Email, phone = c.Phone, password = c.Password });
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        using var confirmed = await http.GetAsync((await Mailbox.LinkAsync(c.Email)).PathAndQuery);
        Assert.Equal(System.Net.HttpStatusCode.OK, confirmed.StatusCode);
        return c;
    }

    /// <summary>A small file that is a PDF by its content.</summary>
    /// <summary>A real one-page PDF: the documents service opens every PDF it is sent.</summary>
    public static byte[] SamplePdf() => SampleFiles.Pdf(2100);
}
