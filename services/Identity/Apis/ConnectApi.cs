using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using PublicServices.Identity.Data;
using PublicServices.Identity.Domain;
using PublicServices.Identity.Pages;
using PublicServices.Identity.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using SharedClaims = PublicServices.ServiceDefaults.Claims;

namespace PublicServices.Identity.Apis;

/// <summary>
/// The OpenID Connect endpoints OpenIddict passes through to us once it has validated the request (client,
/// redirect URI, PKCE, scopes). Errors keep the OAuth 2.0 error format, not problem+json.
/// </summary>
public static class ConnectApi
{
    static readonly string[] GetAndPost = [HttpMethods.Get, HttpMethods.Post];
    const string Server = OpenIddictServerAspNetCoreDefaults.AuthenticationScheme;

    public static WebApplication MapConnectEndpoints(this WebApplication app)
    {
        // Anonymous by design: OpenIddict authenticates the client and the handlers authenticate the user.
        var connect = app.MapGroup("").AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        connect.MapMethods(OpenIdServerExtensions.AuthorizeEndpoint, GetAndPost, Authorize);
        connect.MapPost(OpenIdServerExtensions.TokenEndpoint, Exchange);
        connect.MapMethods(OpenIdServerExtensions.EndSessionEndpoint, GetAndPost, EndSession);
        connect.MapMethods(OpenIdServerExtensions.UserInfoEndpoint, GetAndPost, UserInfo);
        return app;
    }

    /// <summary>
    /// Issues a code for the user of the login cookie, or sends the browser to the login page first (or, for an officer
    /// under Identity:RequireOfficerTotp, to the authenticator set-up or a new login with its code).
    /// </summary>
    static async Task<Results<SignInHttpResult, ChallengeHttpResult, ForbidHttpResult, RedirectHttpResult>> Authorize(
        HttpContext context, UserManager<ApplicationUser> users, SignInManager<ApplicationUser> signIn, TokenPrincipals principals,
        IOptions<IdentityOptions> options)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        var cookie = await context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        var user = cookie.Succeeded ? await users.GetUserAsync(cookie.Principal) : null;
        if (user is not null && !await signIn.CanSignInAsync(user)) user = null;
        var methods = cookie.Succeeded ? SecondFactor.MethodsOf(cookie.Principal!) : [];
        var missing = user is null ? SecondFactorStep.None : await MissingStepAsync(users, user, options.Value, methods);

        var tooOld = request.MaxAge is { } maxAge && cookie.Properties?.IssuedUtc is { } issued
                     && DateTimeOffset.UtcNow - issued > TimeSpan.FromSeconds(maxAge);
        var forceLogin = request.HasPromptValue(PromptValues.Login);
        // Come back here afterwards, without prompt=login so the login is not asked for twice.
        var here = (context.Request.HasFormContentType ? context.Request.Form.ToList() : context.Request.Query.ToList())
            .Where(p => p.Key != Parameters.Prompt || !forceLogin)
            .ToList();
        var returnUrl = context.Request.PathBase + context.Request.Path + QueryString.Create(here);
        if (user is null || tooOld || forceLogin || missing == SecondFactorStep.LogInAgain)
        {
            if (request.HasPromptValue(PromptValues.None))
                return Forbid(Errors.LoginRequired, "The user is not logged in.");
            return TypedResults.Challenge(new AuthenticationProperties { RedirectUri = returnUrl }, [IdentityConstants.ApplicationScheme]);
        }
        if (missing == SecondFactorStep.Enrol)
        {
            if (request.HasPromptValue(PromptValues.None))
                return Forbid(Errors.InteractionRequired, "The officer must set up an authenticator app.");
            return TypedResults.Redirect(AccountPaths.WithReturnUrl(AccountPaths.TotpPath, returnUrl));
        }

        // The seeded clients are the gateway's own (first-party) applications: consent is implicit.
        var principal = await principals.ForUserAsync(user, methods, request.GetScopes(), context.RequestAborted);
        return TypedResults.SignIn(principal, authenticationScheme: Server);
    }

    /// <summary>Turns a code, a refresh token or client credentials into tokens, with the user's current roles.</summary>
    static async Task<Results<SignInHttpResult, ForbidHttpResult>> Exchange(HttpContext context,
        UserManager<ApplicationUser> users, SignInManager<ApplicationUser> signIn, IOpenIddictApplicationManager applications,
        TokenPrincipals principals, IOptions<IdentityOptions> options)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        var cancel = context.RequestAborted;
        if (request.IsClientCredentialsGrantType())
        {
            // OpenIddict has already authenticated the client and checked its scope permissions.
            var application = await applications.FindByClientIdAsync(request.ClientId!, cancel);
            if (application is null) return Forbid(Errors.InvalidClient, "The client is unknown.");
            return TypedResults.SignIn(await principals.ForClientAsync(application, request.GetScopes(), cancel), authenticationScheme: Server);
        }
        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            var result = await context.AuthenticateAsync(Server);
            var subject = result.Principal?.GetClaim(SharedClaims.Subject);
            var user = subject is null ? null : await users.FindByIdAsync(subject);
            // A user deleted or locked out since the code or refresh token was issued gets nothing more.
            if (user is null || !await signIn.CanSignInAsync(user) || await users.IsLockedOutAsync(user))
                return Forbid(Errors.InvalidGrant, "The token is no longer valid.");
            // The login's methods travel in the code and the refresh token; one without TOTP (issued before the rule
            // was switched on) buys an officer nothing.
            var methods = result.Principal!.GetClaims(SecondFactor.MethodsClaim);
            if (await MissingStepAsync(users, user, options.Value, methods) != SecondFactorStep.None)
                return Forbid(Errors.InvalidGrant, "The login did not use the authenticator app an officer needs.");
            var principal = await principals.ForUserAsync(user, methods, result.Principal!.GetScopes(), cancel);
            return TypedResults.SignIn(principal, authenticationScheme: Server);
        }
        return Forbid(Errors.UnsupportedGrantType, "The grant type is not supported.");
    }

    /// <summary>
    /// Logs out of this server and returns to the post-logout address the client asked for (OpenIddict has checked it
    /// against the client's registered ones), or to the login page when it named none. A plain link (GET without the
    /// id token the client holds) could be planted on any page to log people out: it gets the confirmation page instead.
    /// The tokens that client holds for the person (refresh tokens above all) are revoked, so logging out of a
    /// client ends its access, not only the browser's login.
    /// </summary>
    static async Task<Results<SignOutHttpResult, RedirectHttpResult>> EndSession(HttpContext context, SignInManager<ApplicationUser> signIn,
        IOpenIddictApplicationManager applications, IOpenIddictTokenManager tokens)
    {
        var request = context.GetOpenIddictServerRequest();
        if (HttpMethods.IsGet(context.Request.Method) && string.IsNullOrEmpty(request?.IdTokenHint))
            return TypedResults.Redirect(AccountPaths.LogoutPath);
        await signIn.SignOutAsync();
        // OpenIddict has validated the id token hint; its audience is the client it was issued to.
        var hint = (await context.AuthenticateAsync(Server)).Principal;
        if (hint?.GetClaim(SharedClaims.Subject) is { } subject)
            foreach (var clientId in hint.GetAudiences())
                if (await applications.FindByClientIdAsync(clientId, context.RequestAborted) is { } application)
                    await tokens.RevokeAsync(subject, await applications.GetIdAsync(application, context.RequestAborted), status: null, type: null,
                        context.RequestAborted);
        var asked = request?.PostLogoutRedirectUri;
        return TypedResults.SignOut(new AuthenticationProperties { RedirectUri = asked is null ? "/account/login" : null }, [Server]);
    }

    static async Task<Results<Ok<Dictionary<string, object>>, ChallengeHttpResult>> UserInfo(HttpContext context, UserManager<ApplicationUser> users)
    {
        var result = await context.AuthenticateAsync(Server);
        var subject = result.Principal?.GetClaim(SharedClaims.Subject);
        var user = subject is null ? null : await users.FindByIdAsync(subject);
        if (user is null)
            return TypedResults.Challenge(ErrorProperties(Errors.InvalidToken, "The token does not belong to a user."), [Server]);

        var principal = result.Principal!;
        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            [SharedClaims.Subject] = user.Id,
            [SecondFactor.MethodsClaim] = principal.GetClaims(SecondFactor.MethodsClaim),
        };
        if (principal.HasScope(Scopes.Profile))
        {
            claims[SharedClaims.Name] = string.IsNullOrEmpty(user.FullName) ? user.UserName! : user.FullName;
            claims[Claims.PreferredUsername] = user.UserName!;
        }
        if (principal.HasScope(Scopes.Email) && user.Email is not null)
        {
            claims[Claims.Email] = user.Email;
            claims[Claims.EmailVerified] = user.EmailConfirmed;
        }
        if (principal.HasScope(Scopes.Roles))
        {
            claims[SharedClaims.Role] = await users.GetRolesAsync(user);
            if (user.AgencyCode is not null) claims[SharedClaims.Agency] = user.AgencyCode;
        }
        return TypedResults.Ok(claims);
    }

    /// <summary>
    /// Decision: with Identity:RequireOfficerTotp a password alone is not enough for an officer, who acts on other
    /// people's dossiers. The rule is applied where codes and tokens are issued, not on the login page, so no way
    /// around the page (an older cookie, a refresh token) escapes it. Off: nothing is asked, and nothing is looked up.
    /// </summary>
    static async Task<SecondFactorStep> MissingStepAsync(UserManager<ApplicationUser> users, ApplicationUser user, IdentityOptions options,
        IEnumerable<string> methods) =>
        options.RequireOfficerTotp
            ? SecondFactor.MissingForOfficer(await users.GetRolesAsync(user), await users.GetTwoFactorEnabledAsync(user), methods)
            : SecondFactorStep.None;

    static ForbidHttpResult Forbid(string error, string description) =>
        TypedResults.Forbid(ErrorProperties(error, description), [Server]);

    static AuthenticationProperties ErrorProperties(string error, string description) => new(new Dictionary<string, string?>
    {
        [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
        [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
    });
}
