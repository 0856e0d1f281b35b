using System.Net;
using System.Text.RegularExpressions;
using PublicServices.Identity.Tests.Infrastructure;

namespace PublicServices.Identity.Tests;

public partial class AccountPagesTests(IdentityFixture fixture) : IClassFixture<IdentityFixture>
{
    IdentityFactory App => fixture.App;

    [Fact]
    public async Task The_registration_page_is_Vietnamese_by_default_and_accessible()
    {
        using var browser = App.Browser();

        var html = await browser.GetStringAsync("/account/register");

        Assert.Contains("<html lang=\"vi\">", html, StringComparison.Ordinal);
        Assert.Contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">", html, StringComparison.Ordinal);
        Assert.Contains("Đăng ký tài khoản công dân", html, StringComparison.Ordinal);
        // Every input has a label, and hints are tied to their inputs.
        foreach (var field in new[] { "fullName", "nationalId", "email", "phone", "password" })
        {
            Assert.Contains($"<label class=\"label\" for=\"f-{field}\">", html, StringComparison.Ordinal);
            Assert.Matches($"<input[^>]* id=\"f-{field}\" name=\"{field}\"", html);
        }
        Assert.Matches("<input[^>]* id=\"f-nationalId\"[^>]* aria-describedby=\"f-nationalId-hint\"", html);
        Assert.Contains("hreflang=\"en\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_pages_take_their_styles_from_the_portals_stylesheet_which_the_CSP_allows()
    {
        using var browser = App.Browser();

        var html = await browser.GetStringAsync("/account/login");
        var stylesheet = StylesheetLink().Match(html);

        Assert.DoesNotContain("<style", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" style=", html, StringComparison.OrdinalIgnoreCase);
        Assert.True(stylesheet.Success, "no link to the portal's stylesheet");
        var css = await browser.GetStringAsync(WebUtility.HtmlDecode(stylesheet.Groups[1].Value));
        Assert.Contains(":focus-visible", css, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_culture_switch_shows_English_and_is_remembered()
    {
        using var browser = App.Browser();

        var english = await browser.GetStringAsync("/account/login?culture=en&returnUrl=%2Fconnect%2Fauthorize%3Fx%3D1");
        var next = await browser.GetStringAsync("/account/register");

        Assert.Contains("<html lang=\"en\">", english, StringComparison.Ordinal);
        Assert.Contains("<h1>Log in</h1>", english, StringComparison.Ordinal);
        Assert.Contains("value=\"/connect/authorize?x=1\"", english, StringComparison.Ordinal);
        Assert.Contains("<h1>Citizen registration</h1>", next, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_registration_shows_an_error_summary_linked_to_each_field()
    {
        using var browser = App.Browser();
        var token = Oidc.AntiforgeryToken(await browser.GetStringAsync("/account/register"));

        using var response = await browser.PostAsync("/account/register", Form(token, Citizens.Valid().With("nationalId", "12345").With("phone", "")));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("<title>Lỗi: ", TitleTag().Match(html).Value, StringComparison.Ordinal);
        Assert.Contains("role=\"alert\"", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#f-nationalId\">Số định danh cá nhân phải gồm đúng 12 chữ số.</a>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#f-phone\">", html, StringComparison.Ordinal);
        Assert.Matches("<input[^>]* id=\"f-nationalId\"[^>]* aria-describedby=\"f-nationalId-hint f-nationalId-error\" aria-invalid=\"true\"", html);
        Assert.DoesNotContain(Citizens.Password, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Registering_a_taken_national_id_on_the_page_answers_409_and_keeps_what_was_typed()
    {
        using var browser = App.Browser();
        using var api = App.CreateClient();
        var taken = await Citizens.RegisterAsync(api);
        var token = Oidc.AntiforgeryToken(await browser.GetStringAsync("/account/register"));
        var citizen = Citizens.Valid().With("nationalId", taken["nationalId"]).With("fullName", "Nguyễn <b>Văn</b> Ánh");

        using var response = await browser.PostAsync("/account/register", Form(token, citizen));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.StartsWith("<title>Lỗi: ", TitleTag().Match(html).Value, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#f-nationalId\">Số định danh cá nhân này đã được đăng ký.</a>", html, StringComparison.Ordinal);
        // Typed values come back encoded (Vietnamese letters as they are); the password never does.
        Assert.Contains("value=\"Nguyễn &lt;b&gt;Văn&lt;/b&gt; Ánh\"", html, StringComparison.Ordinal);
        Assert.Contains($"value=\"{taken["nationalId"]}\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain(Citizens.Password, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Registering_on_the_page_signs_the_citizen_in_and_returns_to_the_local_address()
    {
        using var browser = App.Browser();
        var token = Oidc.AntiforgeryToken(await browser.GetStringAsync("/account/register"));
        var citizen = Citizens.Valid().With("returnUrl", "/connect/authorize?client_id=portal");

        using var response = await browser.PostAsync("/account/register", Form(token, citizen));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/connect/authorize?client_id=portal", Oidc.Location(response).OriginalString);
        // The browser is now logged in: the authorization endpoint issues a code without asking for the login page.
        var pkce = Oidc.Pkce.New();
        using var authorize = await browser.GetAsync(Oidc.AuthorizeUrl(pkce));
        Assert.StartsWith(Oidc.PortalRedirect, Oidc.Location(authorize).OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_form_posted_without_the_antiforgery_token_is_refused()
    {
        using var browser = App.Browser();
        await browser.GetStringAsync("/account/login");

        using var response = await browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = "admin",
            ["password"] = App.OfficerPassword,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(response.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith("ps.identity=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_wrong_password_shows_an_error_and_no_login()
    {
        using var browser = App.Browser();

        using var response = await Oidc.SubmitLoginAsync(browser, new Uri("/account/login?culture=en", UriKind.Relative), "leader@000.00.12.H10", "Wrong@12345");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The user name or password is not correct.", html, StringComparison.Ordinal);
        using var authorize = await browser.GetAsync(Oidc.AuthorizeUrl(Oidc.Pkce.New()));
        Assert.StartsWith("/account/login", Oidc.Location(authorize).OriginalString, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://evil.example/steal")]
    [InlineData("//evil.example/steal")]
    [InlineData("/\\evil.example/steal")]
    public async Task Login_never_returns_to_an_address_outside_this_site(string returnUrl)
    {
        using var browser = App.Browser();

        using var response = await Oidc.SubmitLoginAsync(browser,
            new Uri("/account/login?returnUrl=" + Uri.EscapeDataString(returnUrl), UriKind.Relative), "admin", App.OfficerPassword);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", Oidc.Location(response).OriginalString);
    }

    [Fact]
    public async Task Logging_out_ends_the_login()
    {
        using var browser = App.Browser();
        await Oidc.AuthorizationCodeAsync(browser, Oidc.Pkce.New(), "admin", App.OfficerPassword);
        var token = Oidc.AntiforgeryToken(await browser.GetStringAsync("/account/logout"));

        using var logout = await browser.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        using var authorize = await browser.GetAsync(Oidc.AuthorizeUrl(Oidc.Pkce.New()));
        Assert.StartsWith("/account/login", Oidc.Location(authorize).OriginalString, StringComparison.Ordinal);
    }

    static FormUrlEncodedContent Form(string token, Dictionary<string, object?> fields) =>
        new(fields.Select(f => KeyValuePair.Create(f.Key, f.Value?.ToString() ?? ""))
            .Append(KeyValuePair.Create("__RequestVerificationToken", token)));

    [GeneratedRegex("<title>[^<]*")]
    private static partial Regex TitleTag();

    [GeneratedRegex("<link rel=\"stylesheet\" href=\"([^\"]+)\"")]
    private static partial Regex StylesheetLink();
}
