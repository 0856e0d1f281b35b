namespace PublicServices.Browser.Tests;

/// <summary>
/// The identity service's authenticator-app pages (set-up, recovery codes, second login step) as a person sees them:
/// axe, no sideways scrolling, no console error or CSP violation, the stylesheet applied.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class TotpPagesTests(PortalFixture portal)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_authenticator_app_pages_are_accessible_and_styled(bool phone)
    {
        var person = await People.RegisteredCitizenAsync();
        var tab = await portal.OpenAsync(phone: phone);
        var page = tab.Page;
        var size = phone ? "phone" : "desktop";
        await tab.SignInAsync(person.Email, person.Password);

        await tab.GoAsync("/account/totp");
        await CheckAsync(tab, "totp-setup-" + size);
        await page.FillAsync("input[name=code]", "000000");
        await page.Locator("main form[method=post] button[type=submit]").First.ClickAsync();
        Assert.StartsWith("Lỗi:", await page.TitleAsync(), StringComparison.Ordinal);
        await CheckAsync(tab, "totp-setup-with-errors-" + size);

        var key = (await page.Locator("#totp-key").InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal);
        await page.FillAsync("input[name=code]", Journeys.CurrentCode(key));
        await page.Locator("main form[method=post] button[type=submit]").First.ClickAsync();
        await page.Locator("#recovery-codes").WaitForAsync();
        await CheckAsync(tab, "totp-recovery-codes-" + size, button: false);

        // The next login asks for the app's code.
        await tab.GoAsync("/");
        await tab.ClickAsync("Đăng xuất");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await tab.GoAsync("/signin?returnUrl=%2Fdossiers");
        await tab.LogInAsync(person.Email, person.Password);
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/account/totp/verify");
        await CheckAsync(tab, "totp-verify-" + size);
        tab.AssertClean();
    }

    static async Task CheckAsync(Tab tab, string name, bool button = true)
    {
        await tab.ScreenshotAsync(name);
        await tab.AssertAccessibleAsync();
        Assert.Equal("18px", await tab.Page.EvaluateAsync<string>("getComputedStyle(document.body).fontSize"));
        if (button)
            Assert.Equal("rgb(0, 112, 60)", await tab.Page.Locator("main .button:not(.button--secondary)").First
                .EvaluateAsync<string>("b => getComputedStyle(b).backgroundColor"));
    }

    [Fact]
    public async Task The_browser_holds_only_an_HttpOnly_session_id_and_never_a_token()
    {
        var person = await People.RegisteredCitizenAsync();
        var tab = await portal.OpenAsync();
        await tab.SignInAsync(person.Email, person.Password, "/dossiers");

        var cookies = await tab.Page.Context.CookiesAsync();
        var session = Assert.Single(cookies, c => c.Name == "ps.web");
        Assert.True(session.HttpOnly);
        // A ticket carrying the access, refresh and id tokens would be several kilobytes, split into chunks.
        Assert.True(session.Value.Length < 1000, $"ps.web holds {session.Value.Length} characters");
        Assert.DoesNotContain(cookies, c => c.Value.Contains("eyJ", StringComparison.Ordinal) || c.Name.StartsWith("ps.webC", StringComparison.Ordinal));
    }
}
