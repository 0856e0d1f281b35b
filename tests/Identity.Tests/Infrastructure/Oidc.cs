using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace PublicServices.Identity.Tests.Infrastructure;

public sealed record TokenSet(string AccessToken, string? RefreshToken, string? IdToken, int ExpiresIn)
{
    public JsonWebToken Access => new(AccessToken);
}

/// <summary>What a browser and a client application do against the OpenID server, one HTTP hop at a time.</summary>
public static partial class Oidc
{
    public const string Issuer = "http://localhost:8080/";
    public const string PortalRedirect = "http://127.0.0.1/callback";
    public const string PortalScopes = "openid profile email roles offline_access dossiers";

    public sealed record Pkce(string Verifier, string Challenge)
    {
        public static Pkce New()
        {
            var verifier = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
            return new(verifier, Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))));
        }
    }

    public static string AuthorizeUrl(Pkce pkce, string scope = PortalScopes, string redirectUri = PortalRedirect, string state = "st4te") =>
        QueryHelpers.AddQueryString("/connect/authorize", new Dictionary<string, string?>
        {
            ["client_id"] = "portal",
            ["response_type"] = "code",
            ["redirect_uri"] = redirectUri,
            ["scope"] = scope,
            ["state"] = state,
            ["code_challenge"] = pkce.Challenge,
            ["code_challenge_method"] = "S256",
        });

    public static Uri Location(HttpResponseMessage response) =>
        response.Headers.Location ?? throw new InvalidOperationException($"No redirect: {(int)response.StatusCode}");

    public static string AntiforgeryToken(string html) =>
        AntiforgeryField().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value)
            : throw new InvalidOperationException("The page has no antiforgery token.");

    /// <summary>The hidden input of the antiforgery token, whatever the order of its attributes.</summary>
    [GeneratedRegex("<input(?=[^>]* name=\"__RequestVerificationToken\")[^>]* value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    /// <summary>GETs the login page at <paramref name="loginUrl"/> and posts the credentials with its antiforgery token.</summary>
    public static async Task<HttpResponseMessage> SubmitLoginAsync(HttpClient browser, Uri loginUrl, string userName, string password)
    {
        var page = await browser.GetStringAsync(loginUrl);
        var query = QueryHelpers.ParseQuery(new Uri(browser.BaseAddress!, loginUrl).Query);
        var returnUrl = query.TryGetValue("returnUrl", out var r) ? r.ToString() : "";
        return await browser.PostAsync(loginUrl, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryToken(page),
            ["userName"] = userName,
            ["password"] = password,
            ["returnUrl"] = returnUrl,
        }));
    }

    /// <summary>The browser part: authorize → login page → authorize again → the code at the redirect URI.</summary>
    public static async Task<string> AuthorizationCodeAsync(HttpClient browser, Pkce pkce, string userName, string password, string scope = PortalScopes)
    {
        using var first = await browser.GetAsync(AuthorizeUrl(pkce, scope));
        var next = Location(first);
        if (next.OriginalString.StartsWith("/account/login", StringComparison.Ordinal))
        {
            using var login = await SubmitLoginAsync(browser, next, userName, password);
            using var again = await browser.GetAsync(Location(login));
            next = Location(again);
        }
        return CodeFrom(next);
    }

    public static string CodeFrom(Uri redirect)
    {
        if (!redirect.IsAbsoluteUri || !redirect.OriginalString.StartsWith(PortalRedirect, StringComparison.Ordinal))
            throw new InvalidOperationException($"Not a redirect to the client: {redirect}");
        return QueryHelpers.ParseQuery(redirect.Query)["code"].ToString();
    }

    public static Task<HttpResponseMessage> RedeemAsync(HttpClient client, string code, string verifier) =>
        client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = "portal",
            ["code"] = code,
            ["redirect_uri"] = PortalRedirect,
            ["code_verifier"] = verifier,
        }));

    public static Task<HttpResponseMessage> RefreshAsync(HttpClient client, string refreshToken) =>
        client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = "portal",
            ["refresh_token"] = refreshToken,
        }));

    public static Task<HttpResponseMessage> ClientCredentialsAsync(HttpClient client, string clientId, string secret, string scope) =>
        client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = secret,
            ["scope"] = scope,
        }));

    /// <summary>The whole sign-in of a user in a fresh browser, ending with the portal's tokens.</summary>
    public static async Task<TokenSet> SignInAsync(IdentityFactory app, string userName, string password, string scope = PortalScopes)
    {
        using var browser = app.Browser();
        var pkce = Pkce.New();
        var code = await AuthorizationCodeAsync(browser, pkce, userName, password, scope);
        using var response = await RedeemAsync(browser, code, pkce.Verifier);
        return await TokensAsync(response);
    }

    public static async Task<TokenSet> TokensAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"Token request failed: {(int)response.StatusCode} {text}");
        using var json = JsonDocument.Parse(text);
        var root = json.RootElement;
        return new TokenSet(root.GetProperty("access_token").GetString()!,
            root.TryGetProperty("refresh_token", out var r) ? r.GetString() : null,
            root.TryGetProperty("id_token", out var i) ? i.GetString() : null,
            root.GetProperty("expires_in").GetInt32());
    }

    public static async Task<string> ErrorAsync(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("error").GetString()!;
    }

    /// <summary>Validates a token the way a resource server does: key set from /.well-known/jwks, issuer, audience.</summary>
    public static async Task<TokenValidationResult> ValidateAsync(HttpClient client, string token, string audience)
    {
        var keys = new JsonWebKeySet(await client.GetStringAsync("/.well-known/jwks"));
        return await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = audience,
            IssuerSigningKeys = keys.GetSigningKeys(),
        });
    }

    public static string[] Values(this JsonWebToken token, string type) =>
        token.Claims.Where(c => c.Type == type).Select(c => c.Value).ToArray();
}
