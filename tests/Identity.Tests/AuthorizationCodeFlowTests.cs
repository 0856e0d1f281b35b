using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.JsonWebTokens;
using PublicServices.Identity.Tests.Infrastructure;

namespace PublicServices.Identity.Tests;

public class AuthorizationCodeFlowTests(IdentityFixture fixture) : IClassFixture<IdentityFixture>
{
    IdentityFactory App => fixture.App;

    [Fact]
    public async Task A_citizen_signs_in_with_code_and_PKCE_and_gets_a_JWT_for_the_requested_API_and_a_refresh_token()
    {
        using var api = App.CreateClient();
        var citizen = await Citizens.RegisterAsync(api);
        using var browser = App.Browser();
        var pkce = Oidc.Pkce.New();

        // 1. Not logged in: the authorization endpoint sends the browser to the login page, keeping the request.
        using var authorize = await browser.GetAsync(Oidc.AuthorizeUrl(pkce));
        Assert.Equal(HttpStatusCode.Redirect, authorize.StatusCode);
        var loginUrl = Oidc.Location(authorize);
        Assert.False(loginUrl.IsAbsoluteUri);
        Assert.StartsWith("/account/login?returnUrl=", loginUrl.OriginalString, StringComparison.Ordinal);
        var returnUrl = QueryHelpers.ParseQuery(new Uri(browser.BaseAddress!, loginUrl).Query)["returnUrl"].ToString();
        Assert.StartsWith("/connect/authorize?", returnUrl, StringComparison.Ordinal);

        // 2. The login page with its antiforgery token; posting the credentials returns to the authorization request.
        using var login = await Oidc.SubmitLoginAsync(browser, loginUrl, (string)citizen["nationalId"]!, Citizens.Password);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal(returnUrl, Oidc.Location(login).OriginalString);

        // 3. Logged in now: the code goes to the client's redirect URI with the state.
        using var back = await browser.GetAsync(Oidc.Location(login));
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        var callback = Oidc.Location(back);
        Assert.StartsWith(Oidc.PortalRedirect + "?", callback.OriginalString, StringComparison.Ordinal);
        Assert.Equal("st4te", QueryHelpers.ParseQuery(callback.Query)["state"].ToString());

        // 4. The code and the PKCE verifier buy the tokens.
        using var token = await Oidc.RedeemAsync(browser, Oidc.CodeFrom(callback), pkce.Verifier);
        var tokens = await Oidc.TokensAsync(token);

        var access = tokens.Access;
        Assert.Equal(citizen["id"], access.Subject);
        Assert.Equal(Oidc.Issuer, access.Issuer);
        Assert.Contains("dossiers", access.Audiences);
        Assert.Equal(["citizen"], access.Values("role"));
        Assert.Equal(citizen["fullName"], access.Values("name").Single());
        Assert.Equal(citizen["email"], access.Values("email").Single());
        Assert.Equal("portal", access.Values("client_id").Single());
        // One space-separated scope claim, as docs/contracts.md says.
        Assert.Equal([Oidc.PortalScopes], access.Values("scope"));
        Assert.Empty(access.Values("agency"));
        Assert.InRange(tokens.ExpiresIn, 15 * 60 - 5, 15 * 60);
        Assert.InRange(access.ValidTo - access.IssuedAt, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15.5));
        Assert.NotNull(tokens.RefreshToken);
        Assert.NotNull(tokens.IdToken);
        Assert.Equal(citizen["fullName"], new JsonWebToken(tokens.IdToken).Values("name").Single());

        // A resource server validating with the published key set, issuer and audience accepts it.
        var validation = await Oidc.ValidateAsync(api, tokens.AccessToken, "dossiers");
        Assert.True(validation.IsValid, validation.Exception?.Message);
        Assert.False((await Oidc.ValidateAsync(api, tokens.AccessToken, "catalog")).IsValid);
    }

    [Fact]
    public async Task A_refresh_token_buys_a_new_access_token_once()
    {
        using var api = App.CreateClient();
        var citizen = await Citizens.RegisterAsync(api);
        var tokens = await Oidc.SignInAsync(App, (string)citizen["nationalId"]!, Citizens.Password);

        using var refreshed = await Oidc.RefreshAsync(api, tokens.RefreshToken!);
        var renewed = await Oidc.TokensAsync(refreshed);

        Assert.Equal(citizen["id"], renewed.Access.Subject);
        Assert.Equal(["citizen"], renewed.Access.Values("role"));
        Assert.Contains("dossiers", renewed.Access.Audiences);
        Assert.NotEqual(tokens.AccessToken, renewed.AccessToken);
        Assert.NotNull(renewed.RefreshToken);
    }

    [Fact]
    public async Task A_wrong_code_verifier_is_refused_and_a_code_buys_tokens_only_once()
    {
        using var api = App.CreateClient();
        var citizen = await Citizens.RegisterAsync(api);
        using var browser = App.Browser();
        var pkce = Oidc.Pkce.New();
        var code = await Oidc.AuthorizationCodeAsync(browser, pkce, (string)citizen["nationalId"]!, Citizens.Password);

        using var wrong = await Oidc.RedeemAsync(browser, code, Oidc.Pkce.New().Verifier);
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal("invalid_grant", await Oidc.ErrorAsync(wrong));

        using var right = await Oidc.RedeemAsync(browser, code, pkce.Verifier);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        using var replay = await Oidc.RedeemAsync(browser, code, pkce.Verifier);
        Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
        Assert.Equal("invalid_grant", await Oidc.ErrorAsync(replay));
    }

    [Fact]
    public async Task An_authorization_request_without_PKCE_is_refused()
    {
        using var browser = App.Browser();
        var url = Oidc.AuthorizeUrl(Oidc.Pkce.New()).Replace("code_challenge", "no_challenge", StringComparison.Ordinal);

        using var response = await browser.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Contains("code_challenge", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unregistered_redirect_uri_is_refused_without_redirecting_there()
    {
        using var browser = App.Browser();

        using var response = await browser.GetAsync(Oidc.AuthorizeUrl(Oidc.Pkce.New(), redirectUri: "http://evil.example/callback"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task An_officer_token_carries_the_agency_and_the_officer_role()
    {
        var tokens = await Oidc.SignInAsync(App, "desk@000.00.12.H10", App.OfficerPassword);

        Assert.Equal(["one_stop_desk"], tokens.Access.Values("role"));
        Assert.Equal(["000.00.12.H10"], tokens.Access.Values("agency"));

        var ward = await Oidc.SignInAsync(App, "desk@000.20.01.H10", App.OfficerPassword);
        Assert.Equal(["000.20.01.H10"], ward.Access.Values("agency"));
        var admin = await Oidc.SignInAsync(App, "admin", App.OfficerPassword);
        Assert.Equal(["admin"], admin.Access.Values("role"));
        Assert.Empty(admin.Access.Values("agency"));
    }

    [Fact]
    public async Task The_userinfo_endpoint_describes_the_signed_in_user()
    {
        var tokens = await Oidc.SignInAsync(App, "leader@000.00.12.H10", App.OfficerPassword);
        using var api = App.CreateClient();
        api.DefaultRequestHeaders.Authorization = new("Bearer", tokens.AccessToken);

        var info = await api.GetFromJsonAsync<JsonElement>("/connect/userinfo");

        Assert.Equal(tokens.Access.Subject, info.GetProperty("sub").GetString());
        Assert.Equal("leader", info.GetProperty("role").EnumerateArray().Single().GetString());
        Assert.Equal("000.00.12.H10", info.GetProperty("agency").GetString());
    }

    [Fact]
    public async Task Ending_the_session_logs_the_browser_out_and_returns_to_the_registered_address()
    {
        using var browser = App.Browser();
        var pkce = Oidc.Pkce.New();
        var code = await Oidc.AuthorizationCodeAsync(browser, pkce, "specialist@000.00.12.H10", App.OfficerPassword);
        var idToken = (await Oidc.TokensAsync(await Oidc.RedeemAsync(browser, code, pkce.Verifier))).IdToken;

        using var end = await browser.GetAsync("/connect/endsession?post_logout_redirect_uri=" + Uri.EscapeDataString("http://localhost:8080/")
            + "&id_token_hint=" + idToken);
        Assert.Equal(HttpStatusCode.Redirect, end.StatusCode);
        Assert.Equal("http://localhost:8080/", Oidc.Location(end).OriginalString);

        // The login cookie is gone: authorizing again asks for the login page.
        using var again = await browser.GetAsync(Oidc.AuthorizeUrl(Oidc.Pkce.New()));
        Assert.StartsWith("/account/login", Oidc.Location(again).OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_plain_logout_link_without_the_clients_id_token_asks_for_confirmation_and_logs_nobody_out()
    {
        using var browser = App.Browser();
        await Oidc.AuthorizationCodeAsync(browser, Oidc.Pkce.New(), "specialist@000.00.12.H10", App.OfficerPassword);

        using var end = await browser.GetAsync("/connect/endsession?post_logout_redirect_uri=" + Uri.EscapeDataString("http://localhost:8080/"));
        Assert.Equal(HttpStatusCode.Redirect, end.StatusCode);
        Assert.Equal("/account/logout", Oidc.Location(end).OriginalString);

        // Still logged in: authorizing again issues a code straight away.
        using var again = await browser.GetAsync(Oidc.AuthorizeUrl(Oidc.Pkce.New()));
        Assert.StartsWith(Oidc.PortalRedirect, Oidc.Location(again).OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prompt_none_without_a_login_returns_login_required_to_the_client()
    {
        using var browser = App.Browser();

        using var response = await browser.GetAsync(Oidc.AuthorizeUrl(Oidc.Pkce.New()) + "&prompt=none");

        var location = Oidc.Location(response);
        Assert.StartsWith(Oidc.PortalRedirect, location.OriginalString, StringComparison.Ordinal);
        Assert.Equal("login_required", QueryHelpers.ParseQuery(location.Query)["error"].ToString());
    }
}
