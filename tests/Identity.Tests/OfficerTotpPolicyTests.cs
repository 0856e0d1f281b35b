using System.Net;
using Microsoft.AspNetCore.WebUtilities;
using PublicServices.Identity.Tests.Infrastructure;

namespace PublicServices.Identity.Tests;

/// <summary>Identity:RequireOfficerTotp as in production: no code for an officer whose login did not use the app.</summary>
public class OfficerTotpPolicyTests(OfficerTotpRequiredFixture fixture) : IClassFixture<OfficerTotpRequiredFixture>
{
    IdentityFactory App => fixture.App;

    [Fact]
    public async Task An_officer_without_the_app_is_sent_to_set_it_up_and_gets_a_code_only_afterwards()
    {
        var officer = await Officers.CreateAsync(App);
        using var browser = App.Browser();
        var pkce = Oidc.Pkce.New();

        using var first = await browser.GetAsync(Oidc.AuthorizeUrl(pkce));
        using var login = await Oidc.SubmitLoginAsync(browser, Oidc.Location(first), officer, App.OfficerPassword);
        var authorizeUrl = Oidc.Location(login).OriginalString;
        using var refused = await browser.GetAsync(authorizeUrl);

        // No code: the set-up page instead, which returns to the authorization request.
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        var setUp = Oidc.Location(refused).OriginalString;
        Assert.Equal(QueryHelpers.AddQueryString(TwoFactor.SetUpPath, "returnUrl", authorizeUrl), setUp);
        using var silent = await browser.GetAsync(Oidc.AuthorizeUrl(Oidc.Pkce.New()) + "&prompt=none");
        Assert.Equal("interaction_required", QueryHelpers.ParseQuery(Oidc.Location(silent).Query)["error"].ToString());
        var page = await browser.GetStringAsync(setUp);
        Assert.Contains("Cán bộ phải bật xác thực hai bước trước khi tiếp tục.", page, StringComparison.Ordinal);

        var enrolment = await TwoFactor.EnrolAsync(browser, setUp);
        using var back = await browser.GetAsync(authorizeUrl);
        var tokens = await Oidc.TokensAsync(await Oidc.RedeemAsync(browser, Oidc.CodeFrom(Oidc.Location(back)), pkce.Verifier));

        Assert.Equal(10, enrolment.RecoveryCodes.Count);
        Assert.Equal(["one_stop_desk"], tokens.Access.Values("role"));
        Assert.Equal(["pwd", "otp"], TwoFactor.Amr(tokens.AccessToken));
    }

    [Fact]
    public async Task An_officer_with_the_app_whose_login_here_used_only_the_password_must_log_in_again()
    {
        var officer = await Officers.CreateAsync(App);
        // Browser A logs in before the app is set up (in browser B).
        using var before = App.Browser();
        using var first = await before.GetAsync(Oidc.AuthorizeUrl(Oidc.Pkce.New()));
        using var login = await Oidc.SubmitLoginAsync(before, Oidc.Location(first), officer, App.OfficerPassword);
        using var other = App.Browser();
        using var otherFirst = await other.GetAsync(Oidc.AuthorizeUrl(Oidc.Pkce.New()));
        using var otherLogin = await Oidc.SubmitLoginAsync(other, Oidc.Location(otherFirst), officer, App.OfficerPassword);
        using var otherRefused = await other.GetAsync(Oidc.Location(otherLogin));
        var key = (await TwoFactor.EnrolAsync(other, Oidc.Location(otherRefused).OriginalString)).Key;

        using var refused = await before.GetAsync(Oidc.Location(login));
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/account/login?returnUrl=", Oidc.Location(refused).OriginalString, StringComparison.Ordinal);

        // Logging in again, with the app this time, gives the code.
        var pkce = Oidc.Pkce.New();
        var code = await TwoFactor.AuthorizationCodeAsync(before, pkce, officer, App.OfficerPassword, key);
        Assert.Equal(["pwd", "otp"], TwoFactor.Amr((await Oidc.TokensAsync(await Oidc.RedeemAsync(before, code, pkce.Verifier))).AccessToken));
    }

    [Fact]
    public async Task A_refresh_token_of_an_officers_password_only_login_buys_nothing_once_the_rule_is_on()
    {
        using var api = App.CreateClient();
        var citizen = await Citizens.RegisterAsync(api);
        // The same database with the rule off, as before a deployment that switches it on.
        await using var before = IdentityFactory.OnPostgres(fixture.Database);
        var officer = await Oidc.SignInAsync(before, await Officers.CreateAsync(before), before.OfficerPassword);
        var citizenTokens = await Oidc.SignInAsync(before, (string)citizen["nationalId"]!, Citizens.Password);

        using var refused = await Oidc.RefreshAsync(api, officer.RefreshToken!);
        using var accepted = await Oidc.RefreshAsync(api, citizenTokens.RefreshToken!);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("invalid_grant", await Oidc.ErrorAsync(refused));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task A_citizen_is_not_made_to_use_an_authenticator_app()
    {
        using var api = App.CreateClient();
        var citizen = await Citizens.RegisterAsync(api);

        var tokens = await Oidc.SignInAsync(App, (string)citizen["nationalId"]!, Citizens.Password);

        Assert.Equal(["citizen"], tokens.Access.Values("role"));
        Assert.Equal(["pwd"], TwoFactor.Amr(tokens.AccessToken));
    }
}
