using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using Xunit;

namespace PublicServices.SystemTesting;

/// <summary>
/// Logs a person in the way a browser client does: authorization code with PKCE, through the real login page
/// (cookies, antiforgery token, redirects), then exchanges the code for tokens.
/// </summary>
public sealed partial class BrowserLogin
{
    public const string ClientId = "portal";
    public const string RedirectUri = "http://127.0.0.1/callback";
    readonly HttpClient http;

    public BrowserLogin(Uri gateway)
    {
        http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer(), UseCookies = true })
        { BaseAddress = gateway };
    }

    public async Task<Tokens> LoginAsync(string userName, string password, string scope = "openid profile offline_access catalog documents dossiers")
    {
        var verifier = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var challenge = WebEncoders.Base64UrlEncode(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(verifier)));
        var state = Guid.NewGuid().ToString("N");
        var authorize = QueryHelpers.AddQueryString("/connect/authorize", new Dictionary<string, string?>
        {
            ["client_id"] = ClientId, ["redirect_uri"] = RedirectUri, ["response_type"] = "code", ["scope"] = scope,
            ["code_challenge"] = challenge, ["code_challenge_method"] = "S256", ["state"] = state,
        });

        using var toLogin = await http.GetAsync(authorize);
        Assert.Equal(HttpStatusCode.Redirect, toLogin.StatusCode);
        var loginUrl = toLogin.Headers.Location!;
        Assert.Contains("/account/login", loginUrl.ToString(), StringComparison.OrdinalIgnoreCase);

        var page = await http.GetStringAsync(loginUrl);
        var form = LoginForm(page);
        form[form.Keys.First(IsUserField)] = userName;
        form[form.Keys.First(k => k.Contains("password", StringComparison.OrdinalIgnoreCase))] = password;
        var formTag = FormTag().Matches(page).Select(f => f.Value).First(f => Attr(f, "method")?.Equals("post", StringComparison.OrdinalIgnoreCase) == true);
        var action = Attr(formTag, "action") is { Length: > 0 } a ? WebUtility.HtmlDecode(a) : loginUrl.ToString();
        using var posted = await http.PostAsync(action, new FormUrlEncodedContent(form));

        // Follow the redirects by hand until the client's redirect URI carries the code.
        var next = posted.Headers.Location ?? throw new InvalidOperationException($"login did not redirect: {(int)posted.StatusCode}");
        for (var hop = 0; !next.ToString().StartsWith(RedirectUri, StringComparison.Ordinal); hop++)
        {
            Assert.True(hop < 5, "too many redirects");
            using var r = await http.GetAsync(next);
            next = r.Headers.Location ?? throw new InvalidOperationException($"no redirect from {next}: {(int)r.StatusCode}");
        }
        var query = QueryHelpers.ParseQuery(next.Query);
        Assert.Equal(state, query["state"].ToString());

        using var token = await http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = query["code"].ToString(), ["redirect_uri"] = RedirectUri,
            ["client_id"] = ClientId, ["code_verifier"] = verifier,
        }));
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        return (await token.Content.ReadFromJsonAsync<Tokens>())!;
    }

    static bool IsUserField(string name) =>
        name.Contains("user", StringComparison.OrdinalIgnoreCase) || name.Contains("email", StringComparison.OrdinalIgnoreCase)
        || name.Contains("login", StringComparison.OrdinalIgnoreCase);

    static Dictionary<string, string> LoginForm(string html)
    {
        var fields = new Dictionary<string, string>();
        foreach (Match input in Input().Matches(html))
        {
            var tag = input.Value;
            var name = Attr(tag, "name");
            var type = Attr(tag, "type") ?? "text";
            if (name is null || type is "submit" or "checkbox") continue;
            fields[WebUtility.HtmlDecode(name)] = WebUtility.HtmlDecode(Attr(tag, "value") ?? "");
        }
        return fields;
    }

    static string? Attr(string tag, string name) =>
        Regex.Match(tag, $@"\b{name}\s*=\s*""([^""]*)""", RegexOptions.IgnoreCase) is { Success: true } m ? m.Groups[1].Value : null;

    [GeneratedRegex(@"<input\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex Input();

    [GeneratedRegex(@"<form\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex FormTag();
}

public sealed record Tokens(
    [property: System.Text.Json.Serialization.JsonPropertyName("access_token")] string AccessToken,
    [property: System.Text.Json.Serialization.JsonPropertyName("refresh_token")] string? RefreshToken,
    [property: System.Text.Json.Serialization.JsonPropertyName("expires_in")] int ExpiresIn);
