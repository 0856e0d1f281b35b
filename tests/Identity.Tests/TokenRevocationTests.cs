using System.Net;
using PublicServices.Identity.Tests.Infrastructure;

namespace PublicServices.Identity.Tests;

/// <summary>Logging out of a client, or revoking its token, ends what its refresh token can buy.</summary>
public class TokenRevocationTests(IdentityFixture fixture) : IClassFixture<IdentityFixture>
{
    IdentityFactory App => fixture.App;
    const string Officer = "specialist@000.20.01.H10";

    [Fact]
    public async Task Ending_the_session_with_the_clients_id_token_revokes_that_clients_refresh_tokens()
    {
        using var browser = App.Browser();
        var pkce = Oidc.Pkce.New();
        var code = await Oidc.AuthorizationCodeAsync(browser, pkce, Officer, App.OfficerPassword);
        var tokens = await Oidc.TokensAsync(await Oidc.RedeemAsync(browser, code, pkce.Verifier));
        var elsewhere = await Oidc.SignInAsync(App, Officer, App.OfficerPassword); // the same person, another browser

        using var end = await browser.GetAsync("/connect/endsession?post_logout_redirect_uri=" + Uri.EscapeDataString("http://localhost:8080/")
            + "&id_token_hint=" + tokens.IdToken);
        Assert.Equal(HttpStatusCode.Redirect, end.StatusCode);

        using var refreshed = await Oidc.RefreshAsync(browser, tokens.RefreshToken!);
        Assert.Equal(HttpStatusCode.BadRequest, refreshed.StatusCode);
        Assert.Equal("invalid_grant", await Oidc.ErrorAsync(refreshed));
        using var other = await Oidc.RefreshAsync(browser, elsewhere.RefreshToken!);
        Assert.Equal(HttpStatusCode.BadRequest, other.StatusCode); // the client's tokens for this person, all of them
    }

    [Fact]
    public async Task A_client_revokes_its_refresh_token_at_the_revocation_endpoint_and_it_buys_nothing_more()
    {
        using var api = App.CreateClient();
        var tokens = await Oidc.SignInAsync(App, Officer, App.OfficerPassword);

        using var revoked = await api.PostAsync("/connect/revoke", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = "portal",
            ["token"] = tokens.RefreshToken!,
            ["token_type_hint"] = "refresh_token",
        }));
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);

        using var refreshed = await Oidc.RefreshAsync(api, tokens.RefreshToken!);
        Assert.Equal(HttpStatusCode.BadRequest, refreshed.StatusCode);
        Assert.Equal("invalid_grant", await Oidc.ErrorAsync(refreshed));
    }

    [Fact]
    public async Task Another_client_cannot_revoke_a_token_it_was_not_issued()
    {
        using var api = App.CreateClient();
        var tokens = await Oidc.SignInAsync(App, Officer, App.OfficerPassword);

        using var revoked = await api.PostAsync("/connect/revoke", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = "web",
            ["client_secret"] = App.Client("web").ClientSecret!,
            ["token"] = tokens.RefreshToken!,
        }));
        Assert.NotEqual(HttpStatusCode.InternalServerError, revoked.StatusCode);

        using var refreshed = await Oidc.RefreshAsync(api, tokens.RefreshToken!);
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
    }
}
