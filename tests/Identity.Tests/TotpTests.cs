using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using PublicServices.Identity.Tests.Infrastructure;

namespace PublicServices.Identity.Tests;

/// <summary>An authenticator app (TOTP) as a login's second step, with Identity:RequireOfficerTotp off as in development.</summary>
public partial class TotpTests(IdentityFixture fixture) : IClassFixture<IdentityFixture>
{
    IdentityFactory App => fixture.App;

    [Fact]
    public async Task The_set_up_page_sends_a_browser_that_is_not_logged_in_to_the_login_page()
    {
        using var browser = App.Browser();

        await AssertSentToLoginAsync(browser, "/account/totp?returnUrl=%2Fconnect%2Fauthorize",
            "/account/login?returnUrl=%2Faccount%2Ftotp%3FreturnUrl%3D%252Fconnect%252Fauthorize");
    }

    [Fact]
    public async Task The_second_step_sends_a_browser_that_has_not_passed_the_password_to_the_login_page_keeping_the_return_address()
    {
        using var anonymous = App.Browser();
        using var loggedIn = (await LoggedInCitizenAsync()).Browser;

        foreach (var browser in new[] { anonymous, loggedIn })
            await AssertSentToLoginAsync(browser, "/account/totp/verify?returnUrl=%2Fconnect%2Fauthorize%3Fx%3D1",
                "/account/login?returnUrl=%2Fconnect%2Fauthorize%3Fx%3D1");
    }

    [Fact]
    public async Task A_citizen_turns_TOTP_on_with_a_code_of_the_shown_key_and_sees_ten_recovery_codes_once()
    {
        var (browser, userName) = await LoggedInCitizenAsync();
        using var _ = browser;

        var page = await browser.GetStringAsync(TwoFactor.SetUpPath);
        var key = TwoFactor.KeyOn(page);

        // The key in groups of four, the same key in the app's address and in a PNG QR code, the CSP respected.
        Assert.Matches("^([a-z2-7]{4} )+[a-z2-7]{1,4}$", key);
        var secret = key.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        var uri = WebUtility.HtmlDecode(OtpAuthLink().Match(page).Groups[1].Value);
        Assert.StartsWith($"otpauth://totp/C%E1%BB%95ng%20D%E1%BB%8Bch%20v%E1%BB%A5%20c%C3%B4ng:{userName}?secret={secret}&", uri, StringComparison.Ordinal);
        var png = Convert.FromBase64String(WebUtility.HtmlDecode(QrImage().Match(page).Groups[1].Value));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        Assert.DoesNotContain(" style=", page, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<label class=\"label\" for=\"f-code\">", page, StringComparison.Ordinal);
        Assert.Matches("<input[^>]* id=\"f-code\" name=\"code\" type=\"text\"[^>]* autocomplete=\"one-time-code\" inputmode=\"numeric\"", page);
        // Reloading shows the same key: the app set up from the first view still works.
        Assert.Equal(key, TwoFactor.KeyOn(await browser.GetStringAsync(TwoFactor.SetUpPath)));

        using var confirm = await TwoFactor.PostFormAsync(browser, TwoFactor.SetUpPath, page, new() { ["code"] = TwoFactor.Code(key) });
        var done = await confirm.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        Assert.Contains("no-store", confirm.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        var codes = TwoFactor.RecoveryCodesOn(done);
        Assert.Equal(10, codes.Distinct().Count());
        Assert.All(codes, c => Assert.Matches("^[A-Z0-9]{5}-[A-Z0-9]{5}$", c));
        Assert.True(await TwoFactorEnabledAsync(userName));

        // Afterwards the page says so, and shows neither the key nor the codes again.
        var again = await browser.GetStringAsync(TwoFactor.SetUpPath);
        Assert.Contains("Xác thực hai bước đã được bật cho tài khoản này.", again, StringComparison.Ordinal);
        Assert.DoesNotContain("totp-key", again, StringComparison.Ordinal);
        Assert.Empty(TwoFactor.RecoveryCodesOn(again));
    }

    [Fact]
    public async Task A_wrong_code_is_refused_with_a_message_by_its_field_and_TOTP_stays_off()
    {
        var (browser, userName) = await LoggedInCitizenAsync();
        using var _ = browser;
        var page = await browser.GetStringAsync(TwoFactor.SetUpPath);

        using var wrong = await TwoFactor.PostFormAsync(browser, TwoFactor.SetUpPath, page, new() { ["code"] = TwoFactor.WrongCode(TwoFactor.KeyOn(page)) });
        var html = await wrong.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.StartsWith("<title>Lỗi: ", TitleTag().Match(html).Value, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#f-code\">Mã xác thực không đúng hoặc đã hết hạn.", html, StringComparison.Ordinal);
        Assert.Matches("<input[^>]* id=\"f-code\"[^>]* aria-invalid=\"true\"", html);
        Assert.Equal(TwoFactor.KeyOn(page), TwoFactor.KeyOn(html));
        Assert.False(await TwoFactorEnabledAsync(userName));
    }

    [Fact]
    public async Task With_TOTP_on_a_login_asks_for_the_apps_code_refuses_a_wrong_one_and_returns_where_it_was_going()
    {
        var (setUp, userName) = await LoggedInCitizenAsync();
        var key = (await TwoFactor.EnrolAsync(setUp)).Key;
        setUp.Dispose();
        using var browser = App.Browser();
        var pkce = Oidc.Pkce.New();

        using var authorize = await browser.GetAsync(Oidc.AuthorizeUrl(pkce));
        var returnUrl = QueryHelpers.ParseQuery(new Uri(browser.BaseAddress!, Oidc.Location(authorize)).Query)["returnUrl"].ToString();
        using var login = await Oidc.SubmitLoginAsync(browser, Oidc.Location(authorize), userName, Citizens.Password);

        // The password alone logs nobody in: the second step comes next, carrying the authorization request.
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var verify = Oidc.Location(login);
        Assert.Equal(QueryHelpers.AddQueryString("/account/totp/verify", "returnUrl", returnUrl), verify.OriginalString);
        using var notYet = await browser.GetAsync(returnUrl);
        Assert.StartsWith("/account/login", Oidc.Location(notYet).OriginalString, StringComparison.Ordinal);
        var page = await browser.GetStringAsync(verify);
        Assert.Matches("<input[^>]* id=\"f-code\" name=\"code\" type=\"text\"[^>]* autocomplete=\"one-time-code\" inputmode=\"numeric\"", page);
        Assert.Contains("<label class=\"label\" for=\"f-recoveryCode\">", page, StringComparison.Ordinal);

        await browser.GetStringAsync("/account/login?culture=en");
        using var wrong = await TwoFactor.SubmitCodeAsync(browser, verify, TwoFactor.WrongCode(key));
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("<a href=\"#f-code\">The verification code is wrong or has expired.", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var right = await TwoFactor.SubmitCodeAsync(browser, verify, TwoFactor.Code(key));
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal(returnUrl, Oidc.Location(right).OriginalString);
        using var back = await browser.GetAsync(returnUrl);
        using var redeemed = await Oidc.RedeemAsync(browser, Oidc.CodeFrom(Oidc.Location(back)), pkce.Verifier);
        var tokens = await Oidc.TokensAsync(redeemed);
        Assert.Equal(["pwd", "otp"], TwoFactor.Amr(tokens.AccessToken));
    }

    [Fact]
    public async Task Tokens_and_userinfo_say_whether_the_login_used_the_app_and_a_refresh_keeps_it()
    {
        var (setUp, userName) = await LoggedInCitizenAsync();
        var passwordOnly = await Oidc.SignInAsync(App, userName, Citizens.Password);
        var key = (await TwoFactor.EnrolAsync(setUp)).Key;
        setUp.Dispose();

        var withApp = await TwoFactor.SignInAsync(App, userName, Citizens.Password, key);
        using var api = App.CreateClient();
        var refreshed = await Oidc.TokensAsync(await Oidc.RefreshAsync(api, withApp.RefreshToken!));

        Assert.Equal(["pwd"], TwoFactor.Amr(passwordOnly.AccessToken));
        Assert.Equal(["pwd"], TwoFactor.Amr(passwordOnly.IdToken!));
        Assert.Equal(["pwd"], await UserInfoAmrAsync(passwordOnly));
        Assert.Equal(["pwd", "otp"], TwoFactor.Amr(withApp.AccessToken));
        Assert.Equal(["pwd", "otp"], TwoFactor.Amr(withApp.IdToken!));
        Assert.Equal(["pwd", "otp"], await UserInfoAmrAsync(withApp));
        Assert.Equal(["pwd", "otp"], TwoFactor.Amr(refreshed.AccessToken));
    }

    [Fact]
    public async Task A_recovery_code_logs_in_once_typed_in_any_case_without_its_hyphen()
    {
        var (setUp, userName) = await LoggedInCitizenAsync();
        var recovery = (await TwoFactor.EnrolAsync(setUp)).RecoveryCodes[3];
        setUp.Dispose();

        using var first = App.Browser();
        var verify = await PasswordStepAsync(first, userName);
        using var used = await TwoFactor.SubmitCodeAsync(first, verify, recovery.Replace("-", " ", StringComparison.Ordinal).ToLowerInvariant(), recovery: true);
        Assert.Equal(HttpStatusCode.Redirect, used.StatusCode);
        using var back = await first.GetAsync(Oidc.Location(used));
        Assert.StartsWith(Oidc.PortalRedirect, Oidc.Location(back).OriginalString, StringComparison.Ordinal);

        using var second = App.Browser();
        verify = await PasswordStepAsync(second, userName);
        using var again = await TwoFactor.SubmitCodeAsync(second, verify, recovery, recovery: true);
        var html = await again.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("<a href=\"#f-recoveryCode\">Mã khôi phục không đúng hoặc đã được dùng.</a>", html, StringComparison.Ordinal);
        Assert.Contains("<details open=\"open\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_login_cookie_remembers_the_app_when_Identity_rebuilds_it_after_the_security_stamp_check()
    {
        // Every request checks the security stamp and rebuilds the cookie's principal, as every 30 minutes in production.
        await using var app = new IdentityFactory(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:identity"] = fixture.Database.ConnectionString,
        })
        { TestServices = s => s.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero) };
        using var api = app.CreateClient();
        var citizen = await Citizens.RegisterAsync(api);
        var userName = (string)citizen["nationalId"]!;
        using var setUp = app.Browser();
        await Oidc.AuthorizationCodeAsync(setUp, Oidc.Pkce.New(), userName, Citizens.Password);
        var key = (await TwoFactor.EnrolAsync(setUp)).Key;
        using var browser = app.Browser();
        await TwoFactor.AuthorizationCodeAsync(browser, Oidc.Pkce.New(), userName, Citizens.Password, key);

        await browser.GetStringAsync("/account/totp");
        var pkce = Oidc.Pkce.New();
        using var authorize = await browser.GetAsync(Oidc.AuthorizeUrl(pkce));
        var tokens = await Oidc.TokensAsync(await Oidc.RedeemAsync(browser, Oidc.CodeFrom(Oidc.Location(authorize)), pkce.Verifier));

        Assert.Equal(["pwd", "otp"], TwoFactor.Amr(tokens.AccessToken));
    }

    /// <summary>A GET and a POST of <paramref name="url"/> both end on the login page, the GET at <paramref name="login"/>.</summary>
    static async Task AssertSentToLoginAsync(HttpClient browser, string url, string login)
    {
        using var get = await browser.GetAsync(url);
        using var post = await browser.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string> { ["code"] = "123456" }));

        Assert.Equal(HttpStatusCode.Redirect, get.StatusCode);
        Assert.Equal(login, Oidc.Location(get).OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.StartsWith("/account/login?", Oidc.Location(post).OriginalString, StringComparison.Ordinal);
    }

    /// <summary>A new citizen logged in with the password in a fresh browser (the caller disposes it).</summary>
    async Task<(HttpClient Browser, string UserName)> LoggedInCitizenAsync()
    {
        using var api = App.CreateClient();
        var citizen = await Citizens.RegisterAsync(api);
        var browser = App.Browser();
        await Oidc.AuthorizationCodeAsync(browser, Oidc.Pkce.New(), (string)citizen["nationalId"]!, Citizens.Password);
        return (browser, (string)citizen["nationalId"]!);
    }

    /// <summary>Authorize and the password; returns the second step's address.</summary>
    async Task<Uri> PasswordStepAsync(HttpClient browser, string userName)
    {
        using var authorize = await browser.GetAsync(Oidc.AuthorizeUrl(Oidc.Pkce.New()));
        using var login = await Oidc.SubmitLoginAsync(browser, Oidc.Location(authorize), userName, Citizens.Password);
        var verify = Oidc.Location(login);
        Assert.StartsWith("/account/totp/verify?returnUrl=", verify.OriginalString, StringComparison.Ordinal);
        return verify;
    }

    async Task<string[]> UserInfoAmrAsync(TokenSet tokens)
    {
        using var api = App.CreateClient();
        api.DefaultRequestHeaders.Authorization = new("Bearer", tokens.AccessToken);
        var info = await api.GetFromJsonAsync<JsonElement>("/connect/userinfo");
        return [.. info.GetProperty("amr").EnumerateArray().Select(v => v.GetString()!)];
    }

    async Task<bool> TwoFactorEnabledAsync(string userName)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Data.ApplicationUser>>();
        return await users.GetTwoFactorEnabledAsync((await users.FindByNameAsync(userName))!);
    }

    [GeneratedRegex("<title>[^<]*")]
    private static partial Regex TitleTag();

    [GeneratedRegex("<a href=\"(otpauth://[^\"]+)\"")]
    private static partial Regex OtpAuthLink();

    [GeneratedRegex("<img class=\"qr\" src=\"data:image/png;base64,([^\"]+)\"")]
    private static partial Regex QrImage();
}
