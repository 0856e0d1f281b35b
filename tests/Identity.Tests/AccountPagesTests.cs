using System.Net;
using System.Text.RegularExpressions;
using System.Net.Http.Json;
using PublicServices.Identity.Tests.Infrastructure;
using PublicServices.Testing;

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
    public async Task Registering_on_the_page_with_a_taken_national_id_or_email_shows_the_same_page_as_a_fresh_registration()
    {
        using var api = App.CreateClient();
        var taken = await Citizens.RegisterAsync(api);

        var pages = new List<(HttpStatusCode Status, string Main)>();
        foreach (var citizen in new[] { Citizens.Valid(), Citizens.Valid().With("nationalId", taken["nationalId"]), Citizens.Valid().With("email", taken["email"]) })
        {
            using var browser = App.Browser();
            var token = Oidc.AntiforgeryToken(await browser.GetStringAsync("/account/register"));
            using var response = await browser.PostAsync("/account/register", Form(token, citizen));
            pages.Add((response.StatusCode, MainElement().Match(await response.Content.ReadAsStringAsync()).Value));
        }

        Assert.Equal(HttpStatusCode.OK, pages[0].Status);
        Assert.Contains("Kiểm tra hộp thư của bạn", pages[0].Main, StringComparison.Ordinal);
        Assert.All(pages, p => Assert.Equal(pages[0], p));
    }

    [Fact]
    public async Task A_citizen_registered_on_the_page_logs_in_only_after_the_emailed_link_and_then_returns_to_the_local_address()
    {
        using var browser = App.Browser();
        var token = Oidc.AntiforgeryToken(await browser.GetStringAsync("/account/register"));
        var citizen = Citizens.Valid().With("returnUrl", "/connect/authorize?client_id=portal");
        var nationalId = (string)citizen["nationalId"]!;
        using var registered = await browser.PostAsync("/account/register", Form(token, citizen));
        Assert.Equal(HttpStatusCode.OK, registered.StatusCode);

        // Not signed in by the registration, and the login refuses until the address is confirmed; a wrong password
        // gets the usual message, so the confirmation message tells nothing to someone without the password.
        using var authorize = await browser.GetAsync(Oidc.AuthorizeUrl(Oidc.Pkce.New()));
        Assert.StartsWith("/account/login", Oidc.Location(authorize).OriginalString, StringComparison.Ordinal);
        using var early = await Oidc.SubmitLoginAsync(browser, new Uri("/account/login", UriKind.Relative), nationalId, Citizens.Password);
        Assert.Equal(HttpStatusCode.OK, early.StatusCode);
        Assert.Contains("Vui lòng xác nhận địa chỉ thư điện tử", await early.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var wrong = await Oidc.SubmitLoginAsync(browser, new Uri("/account/login", UriKind.Relative), nationalId, "Wrong@12345");
        var wrongHtml = await wrong.Content.ReadAsStringAsync();
        Assert.Contains("Thông tin đăng nhập hoặc mật khẩu không đúng.", wrongHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("xác nhận", wrongHtml, StringComparison.Ordinal);

        var link = await Mailbox.LinkAsync((string)citizen["email"]!);
        var confirmed = await browser.GetStringAsync(link.PathAndQuery);
        Assert.Contains("Địa chỉ thư điện tử đã được xác nhận", confirmed, StringComparison.Ordinal);
        var login = WebUtility.HtmlDecode(LoginLink().Match(confirmed).Groups[1].Value);
        Assert.Equal("/account/login?returnUrl=%2Fconnect%2Fauthorize%3Fclient_id%3Dportal", login);

        using var response = await Oidc.SubmitLoginAsync(browser, new Uri(login, UriKind.Relative), nationalId, Citizens.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/connect/authorize?client_id=portal", Oidc.Location(response).OriginalString);
    }

    [Fact]
    public async Task A_confirmation_link_with_a_wrong_code_confirms_nothing()
    {
        using var api = App.CreateClient();
        var body = Citizens.Valid();
        using var registered = await api.PostAsJsonAsync("/api/identity/citizens", body);
        var link = await Mailbox.LinkAsync((string)body["email"]!);
        var forged = System.Text.RegularExpressions.Regex.Replace(link.PathAndQuery, "code=[^&]+", "code=AAAA");

        using var response = await api.GetAsync(forged);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var login = await Oidc.SubmitLoginAsync(App.Browser(), new Uri("/account/login", UriKind.Relative), (string)body["nationalId"]!, Citizens.Password);
        Assert.Contains("Vui lòng xác nhận địa chỉ thư điện tử", await login.Content.ReadAsStringAsync(), StringComparison.Ordinal);
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

    [GeneratedRegex("<main[^>]*>.*</main>", RegexOptions.Singleline)]
    private static partial Regex MainElement();

    [GeneratedRegex("<a[^>]* href=\"(/account/login[^\"]*)\"")]
    private static partial Regex LoginLink();
}
