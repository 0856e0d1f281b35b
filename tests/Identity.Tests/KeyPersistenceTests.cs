using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using PublicServices.Identity.Tests.Infrastructure;
using PublicServices.Testing;

namespace PublicServices.Identity.Tests;

/// <summary>Restarts and replicas: each test gets its own database and starts the service more than once on it.</summary>
public class KeyPersistenceTests : IAsyncLifetime
{
    PostgresDatabase database = null!;

    public async Task InitializeAsync() => database = await PostgresDatabase.CreateAsync("identity_keys");
    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task Tokens_and_login_cookies_issued_before_a_restart_are_accepted_after_it()
    {
        var cookies = new CookieContainer();
        TokenSet tokens;
        string keyId;
        await using (var before = IdentityFactory.OnPostgres(database))
        {
            using var api = before.CreateClient();
            var citizen = await Citizens.RegisterAsync(api);
            using var browser = before.Browser(cookies);
            var pkce = Oidc.Pkce.New();
            var code = await Oidc.AuthorizationCodeAsync(browser, pkce, (string)citizen["nationalId"]!, Citizens.Password);
            using var redeemed = await Oidc.RedeemAsync(browser, code, pkce.Verifier);
            tokens = await Oidc.TokensAsync(redeemed);
            keyId = await KeyIdAsync(api);
        }

        await using var after = IdentityFactory.OnPostgres(database);
        using var client = after.CreateClient();

        // The same signing key: the published key set and the service's own API accept the old token.
        Assert.Equal(keyId, await KeyIdAsync(client));
        Assert.Equal(keyId, tokens.Access.Kid);
        Assert.True((await Oidc.ValidateAsync(client, tokens.AccessToken, "dossiers")).IsValid);
        using var me = await GetMeAsync(client, tokens.AccessToken);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);

        // The same encryption key: the refresh token issued before the restart still buys tokens.
        using var refreshed = await Oidc.RefreshAsync(client, tokens.RefreshToken!);
        Assert.Equal(tokens.Access.Subject, (await Oidc.TokensAsync(refreshed)).Access.Subject);

        // The same data-protection keys: the login cookie still logs the browser in, no login page.
        using var browserAfter = after.Browser(cookies);
        using var authorize = await browserAfter.GetAsync(Oidc.AuthorizeUrl(Oidc.Pkce.New()));
        Assert.StartsWith(Oidc.PortalRedirect + "?code=", Oidc.Location(authorize).OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_replicas_starting_together_on_an_empty_database_share_keys_and_logins()
    {
        await using var first = IdentityFactory.OnPostgres(database);
        await using var second = IdentityFactory.OnPostgres(database);

        await Task.WhenAll(Task.Run(() => first.Server), Task.Run(() => second.Server));

        using var one = first.CreateClient();
        using var two = second.CreateClient();
        Assert.Equal(await KeyIdAsync(one), await KeyIdAsync(two));

        // A login made on one replica is honoured by the other, and so is the token it issued.
        var cookies = new CookieContainer();
        using var browserOne = first.Browser(cookies);
        var pkce = Oidc.Pkce.New();
        var code = await Oidc.AuthorizationCodeAsync(browserOne, pkce, "desk@000.20.01.H10", first.OfficerPassword);
        using var browserTwo = second.Browser(cookies);
        using var redeemed = await Oidc.RedeemAsync(browserTwo, code, pkce.Verifier);
        var tokens = await Oidc.TokensAsync(redeemed);
        using var me = await GetMeAsync(one, tokens.AccessToken);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        using var authorize = await browserTwo.GetAsync(Oidc.AuthorizeUrl(Oidc.Pkce.New()));
        Assert.StartsWith(Oidc.PortalRedirect + "?code=", Oidc.Location(authorize).OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restarting_with_changed_client_configuration_updates_the_seeded_clients()
    {
        string oldSecret;
        await using (var before = IdentityFactory.OnPostgres(database))
        {
            Assert.Equal(Oidc.PortalRedirect, before.Client("portal").RedirectUris[1]);
            oldSecret = before.Client("demo-business").ClientSecret!;
        }

        await using var after = IdentityFactory.OnPostgres(database,
            ("Identity:Clients:portal:RedirectUris:1", "http://127.0.0.1/new-callback"),
            ("Identity:Clients:demo-business:ClientSecret", "rotated-secret-2025"));
        using var browser = after.Browser();

        using var oldRedirect = await browser.GetAsync(Oidc.AuthorizeUrl(Oidc.Pkce.New(), redirectUri: Oidc.PortalRedirect));
        Assert.Equal(HttpStatusCode.BadRequest, oldRedirect.StatusCode);
        using var newRedirect = await browser.GetAsync(Oidc.AuthorizeUrl(Oidc.Pkce.New(), redirectUri: "http://127.0.0.1/new-callback"));
        Assert.StartsWith("/account/login", Oidc.Location(newRedirect).OriginalString, StringComparison.Ordinal);

        using var oldCredentials = await Oidc.ClientCredentialsAsync(browser, "demo-business", oldSecret, "dossiers");
        Assert.Equal(HttpStatusCode.Unauthorized, oldCredentials.StatusCode);
        using var newCredentials = await Oidc.ClientCredentialsAsync(browser, "demo-business", "rotated-secret-2025", "dossiers");
        Assert.Equal(HttpStatusCode.OK, newCredentials.StatusCode);
    }

    static async Task<string> KeyIdAsync(HttpClient client)
    {
        using var jwks = JsonDocument.Parse(await client.GetStringAsync("/.well-known/jwks"));
        return jwks.RootElement.GetProperty("keys").EnumerateArray().Single().GetProperty("kid").GetString()!;
    }

    static Task<HttpResponseMessage> GetMeAsync(HttpClient client, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/identity/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client.SendAsync(request);
    }
}
