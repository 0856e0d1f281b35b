using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.Tokens;
using OtpNet;

namespace PublicServices.Identity.Tests.Infrastructure;

/// <summary>What a person with an authenticator app does: set it up from the key the page shows, then type its codes.</summary>
public static partial class TwoFactor
{
    public const string SetUpPath = "/account/totp";

    public sealed record Enrolment(string Key, IReadOnlyList<string> RecoveryCodes);

    /// <summary>The code the app shows now for the key, as the page groups it or as plain base32.</summary>
    public static string Code(string key) => Totp(key).ComputeTotp();

    /// <summary>Six digits that are none of the codes the server accepts now (it takes two steps either side).</summary>
    public static string WrongCode(string key)
    {
        var totp = Totp(key);
        var now = DateTime.UtcNow;
        var valid = Enumerable.Range(-3, 7).Select(step => totp.ComputeTotp(now.AddSeconds(30 * step))).ToHashSet(StringComparer.Ordinal);
        return Enumerable.Range(0, 10).Select(i => (i * 111_111).ToString("D6", CultureInfo.InvariantCulture)).First(c => !valid.Contains(c));
    }

    static Totp Totp(string key) => new(Base32Encoding.ToBytes(key.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant()));

    /// <summary>The key the set-up page shows for typing.</summary>
    public static string KeyOn(string html) =>
        KeyText().Match(html) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("The page shows no key.");

    public static string[] RecoveryCodesOn(string html) =>
        [.. RecoveryCodeText().Matches(html).Select(m => m.Groups[1].Value)];

    /// <summary>Opens the set-up page, types the app's code for the key it shows, and returns the key and the recovery codes.</summary>
    public static async Task<Enrolment> EnrolAsync(HttpClient browser, string url = SetUpPath)
    {
        var page = await browser.GetStringAsync(url);
        var key = KeyOn(page);
        using var response = await PostFormAsync(browser, url, page, new() { ["code"] = Code(key) });
        var html = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"Set-up failed: {(int)response.StatusCode}");
        return new(key, RecoveryCodesOn(html));
    }

    /// <summary>Posts to <paramref name="url"/> with the antiforgery token of <paramref name="page"/> and the return address of the URL.</summary>
    public static Task<HttpResponseMessage> PostFormAsync(HttpClient browser, string url, string page, Dictionary<string, string> fields)
    {
        var query = QueryHelpers.ParseQuery(new Uri(browser.BaseAddress!, url).Query);
        fields["__RequestVerificationToken"] = Oidc.AntiforgeryToken(page);
        fields["returnUrl"] = query.TryGetValue("returnUrl", out var r) ? r.ToString() : "";
        return browser.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    /// <summary>The second step of a login at <paramref name="verifyUrl"/>: the app's code, or a recovery code.</summary>
    public static async Task<HttpResponseMessage> SubmitCodeAsync(HttpClient browser, Uri verifyUrl, string code, bool recovery = false)
    {
        var page = await browser.GetStringAsync(verifyUrl);
        return recovery
            ? await PostFormAsync(browser, QueryHelpers.AddQueryString(verifyUrl.OriginalString, "handler", "recovery"), page, new() { ["recoveryCode"] = code })
            : await PostFormAsync(browser, verifyUrl.OriginalString, page, new() { ["code"] = code });
    }

    /// <summary>The browser part of a login with the app: authorize → login → the app's code → authorize again → the code.</summary>
    public static async Task<string> AuthorizationCodeAsync(HttpClient browser, Oidc.Pkce pkce, string userName, string password, string key)
    {
        using var first = await browser.GetAsync(Oidc.AuthorizeUrl(pkce));
        using var login = await Oidc.SubmitLoginAsync(browser, Oidc.Location(first), userName, password);
        using var second = await SubmitCodeAsync(browser, Oidc.Location(login), Code(key));
        using var back = await browser.GetAsync(Oidc.Location(second));
        return Oidc.CodeFrom(Oidc.Location(back));
    }

    public static async Task<TokenSet> SignInAsync(IdentityFactory app, string userName, string password, string key)
    {
        using var browser = app.Browser();
        var pkce = Oidc.Pkce.New();
        var code = await AuthorizationCodeAsync(browser, pkce, userName, password, key);
        using var response = await Oidc.RedeemAsync(browser, code, pkce.Verifier);
        return await Oidc.TokensAsync(response);
    }

    /// <summary>A token's amr claim, which must be a JSON array.</summary>
    public static string[] Amr(string jwt)
    {
        using var payload = JsonDocument.Parse(Base64UrlEncoder.Decode(jwt.Split('.')[1]));
        var amr = payload.RootElement.GetProperty("amr");
        Assert.Equal(JsonValueKind.Array, amr.ValueKind);
        return [.. amr.EnumerateArray().Select(v => v.GetString()!)];
    }

    [GeneratedRegex("<code id=\"totp-key\">([^<]+)</code>")]
    private static partial Regex KeyText();

    [GeneratedRegex("<li><code>([^<]+)</code></li>")]
    private static partial Regex RecoveryCodeText();
}
