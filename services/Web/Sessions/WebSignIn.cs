using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using PublicServices.ServiceDefaults;
using PublicServices.WebUi;

namespace PublicServices.Web.Sessions;

/// <summary>
/// Login through the identity service with the authorization code flow and PKCE, as a confidential client. The tokens
/// stay on the server (<see cref="SessionTicketStore"/>); the browser holds an HttpOnly cookie with the session's id.
/// The browser is sent to the public (gateway) addresses; the code is redeemed with the identity service directly.
/// </summary>
public static class WebSignIn
{
    public const string SignInPath = "/signin";
    public const string SignOutPath = "/signout";
    public const string CallbackPath = "/signin-oidc";
    public const string SignedOutCallbackPath = "/signout-callback-oidc";
    public const string ReturnUrlParameter = "returnUrl";
    /// <summary>How the person proved who they are ("pwd", and "otp" after the authenticator app's code).</summary>
    public const string AuthenticationMethods = "amr";

    static readonly string[] Scopes = ["openid", "profile", "email", "roles", "offline_access", "catalog", "documents", "dossiers", "workflow", "payments", "notifications"];

    public static WebApplicationBuilder AddWebSignIn(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SessionTicketStore>();
        builder.Services.AddSingleton<TokenRefresher>();
        builder.Services.AddHttpClient(TokenValidationExtensions.IdentityClient);
        builder.Services.AddAuthentication(o =>
            {
                o.DefaultScheme = WebSchemes.Cookie;
                o.DefaultChallengeScheme = WebSchemes.OpenIdConnect;
            })
            .AddCookie(WebSchemes.Cookie)
            .AddOpenIdConnect(WebSchemes.OpenIdConnect, _ => { });

        builder.Services.AddOptions<CookieAuthenticationOptions>(WebSchemes.Cookie)
            .Configure<SessionTicketStore, TokenRefresher, IOptions<WebOptions>>((o, store, refresher, web) =>
            {
                o.Cookie.Name = "ps.web";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.SessionStore = store;
                o.ExpireTimeSpan = web.Value.SessionIdle;
                o.SlidingExpiration = true;
                o.LoginPath = SignInPath;
                o.AccessDeniedPath = "/forbidden";
                o.ReturnUrlParameter = ReturnUrlParameter;
                o.Events.OnValidatePrincipal = refresher.ValidateAsync;
                // Relative redirects: behind the gateway this process does not know the public host name.
                o.Events.OnRedirectToLogin = ctx => LocalAddress.RedirectRelative(ctx.Response, ctx.RedirectUri);
                o.Events.OnRedirectToAccessDenied = ctx => LocalAddress.RedirectRelative(ctx.Response, ctx.RedirectUri);
            });

        builder.Services.AddOptions<OpenIdConnectOptions>(WebSchemes.OpenIdConnect)
            .Configure<IOptions<AuthOptions>, IOptions<WebOptions>, IHttpClientFactory>((o, auth, web, clients) =>
            {
                var issuer = auth.Value.Issuer;
                var authority = auth.Value.Authority.TrimEnd('/');
                o.ClientId = web.Value.ClientId;
                o.ClientSecret = web.Value.ClientSecret;
                o.ResponseType = OpenIdConnectResponseType.Code;
                o.ResponseMode = OpenIdConnectResponseMode.Query;
                o.UsePkce = true;
                o.SaveTokens = true;
                o.GetClaimsFromUserInfoEndpoint = true;
                o.MapInboundClaims = false;
                o.RequireHttpsMetadata = false;
                o.CallbackPath = CallbackPath;
                o.SignedOutCallbackPath = SignedOutCallbackPath;
                o.SignedOutRedirectUri = "/";
                o.Scope.Clear();
                foreach (var scope in Scopes) o.Scope.Add(scope);
                o.TokenValidationParameters.NameClaimType = Claims.Name;
                o.TokenValidationParameters.RoleClaimType = Claims.Role;
                o.TokenValidationParameters.ValidIssuer = issuer;
                o.ClaimActions.Clear();
                foreach (var claim in new[] { Claims.Subject, Claims.Name, "email", "preferred_username", Claims.Agency })
                    o.ClaimActions.MapUniqueJsonKey(claim, claim);
                o.ClaimActions.MapJsonKey(Claims.Role, Claims.Role);
                o.ClaimActions.MapJsonKey(AuthenticationMethods, AuthenticationMethods);
                o.CorrelationCookie.SameSite = o.NonceCookie.SameSite = SameSiteMode.Lax;
                o.CorrelationCookie.SecurePolicy = o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.Backchannel = clients.CreateClient(TokenValidationExtensions.IdentityClient);
                o.ConfigurationManager = new ConfigurationManager<OpenIdConnectConfiguration>(
                    authority + "/.well-known/openid-configuration", new InternalDiscovery(authority),
                    new HttpDocumentRetriever(o.Backchannel) { RequireHttps = false });
                // The identity service sees only the public addresses; the language goes along to its login page.
                o.Events.OnRedirectToIdentityProvider = ctx =>
                {
                    ctx.ProtocolMessage.RedirectUri = issuer + CallbackPath.TrimStart('/');
                    ctx.ProtocolMessage.UiLocales = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
                    return Task.CompletedTask;
                };
                o.Events.OnAuthorizationCodeReceived = ctx =>
                {
                    if (ctx.TokenEndpointRequest is { } request) request.RedirectUri = issuer + CallbackPath.TrimStart('/');
                    return Task.CompletedTask;
                };
                o.Events.OnRedirectToIdentityProviderForSignOut = ctx =>
                {
                    ctx.ProtocolMessage.PostLogoutRedirectUri = issuer + SignedOutCallbackPath.TrimStart('/');
                    return Task.CompletedTask;
                };
            });
        return builder;
    }

    /// <summary>/signin starts a login and comes back to the local address asked for; /signout ends the session here and at the identity service.</summary>
    public static IEndpointRouteBuilder MapWebSignIn(this IEndpointRouteBuilder app)
    {
        app.MapGet(SignInPath, (string? returnUrl) => TypedResults.Challenge(
            new AuthenticationProperties { RedirectUri = LocalAddress.OrNull(returnUrl) ?? "/" }, [WebSchemes.OpenIdConnect])).AllowAnonymous();
        // A POST with an antiforgery token (the layout's form), so another site cannot log a person out.
        app.MapPost(SignOutPath, () => TypedResults.SignOut(new AuthenticationProperties { RedirectUri = "/" },
            [WebSchemes.Cookie, WebSchemes.OpenIdConnect])).RequireAuthorization();
        return app;
    }



    /// <summary>
    /// The identity service's discovery document, read from the identity service itself; the endpoints the browser
    /// visits keep their public addresses, the ones this server calls (token, user info, keys) point at the service.
    /// </summary>
    sealed class InternalDiscovery(string authority) : IConfigurationRetriever<OpenIdConnectConfiguration>
    {
        public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(string address, IDocumentRetriever retriever, CancellationToken cancel)
        {
            var config = OpenIdConnectConfiguration.Create(await retriever.GetDocumentAsync(address, cancel));
            config.TokenEndpoint = Internal(config.TokenEndpoint);
            config.UserInfoEndpoint = Internal(config.UserInfoEndpoint);
            config.JwksUri = Internal(config.JwksUri);
            var keys = new Microsoft.IdentityModel.Tokens.JsonWebKeySet(await retriever.GetDocumentAsync(config.JwksUri, cancel));
            foreach (var key in keys.GetSigningKeys())
                config.SigningKeys.Add(key);
            return config;
        }

        string Internal(string publicUrl) => authority + new Uri(publicUrl).PathAndQuery;
    }
}
