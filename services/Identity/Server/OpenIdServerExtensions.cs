using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;
using PublicServices.Identity.Data;
using PublicServices.ServiceDefaults;
using static OpenIddict.Abstractions.OpenIddictConstants;
using OpenIddictClaims = OpenIddict.Abstractions.OpenIddictConstants.Claims;

namespace PublicServices.Identity.Server;

public static class OpenIdServerExtensions
{
    public const string AuthorizeEndpoint = "/connect/authorize";
    public const string TokenEndpoint = "/connect/token";
    public const string EndSessionEndpoint = "/connect/endsession";
    public const string RevocationEndpoint = "/connect/revoke";
    public const string UserInfoEndpoint = "/connect/userinfo";
    /// <summary>Resource servers fetch {Authority}/.well-known/jwks directly (ServiceDefaults/TokenValidation.cs).</summary>
    public const string JwksEndpoint = "/.well-known/jwks";
    public const string DiscoveryEndpoint = "/.well-known/openid-configuration";

    /// <summary>
    /// OpenIddict core (EF Core stores), server (authorization code + PKCE, client credentials, refresh tokens) and
    /// validation of this service's own API, which trusts the local server directly.
    /// </summary>
    public static WebApplicationBuilder AddOpenIdServer(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<IdentityDb>())
            .AddServer(o =>
            {
                o.SetAuthorizationEndpointUris(AuthorizeEndpoint.TrimStart('/'))
                 .SetTokenEndpointUris(TokenEndpoint.TrimStart('/'))
                 .SetEndSessionEndpointUris(EndSessionEndpoint.TrimStart('/'))
                 .SetRevocationEndpointUris(RevocationEndpoint.TrimStart('/'))
                 .SetUserInfoEndpointUris(UserInfoEndpoint.TrimStart('/'))
                 .SetJsonWebKeySetEndpointUris(JwksEndpoint.TrimStart('/'))
                 .SetConfigurationEndpointUris(DiscoveryEndpoint.TrimStart('/'));
                o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                o.AllowClientCredentialsFlow();
                o.AllowRefreshTokenFlow();
                o.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.Email, Scopes.Roles, Scopes.OfflineAccess);
                o.RegisterClaims(OpenIddictClaims.Subject, OpenIddictClaims.Name, OpenIddictClaims.Email, OpenIddictClaims.Role, ServiceDefaults.Claims.Agency);
                // Resource servers validate plain signed JWTs with the published key set.
                o.DisableAccessTokenEncryption();
                o.AddEventHandler(IssuerBaseUri.Descriptor);
                o.UseAspNetCore()
                 .EnableAuthorizationEndpointPassthrough()
                 .EnableTokenEndpointPassthrough()
                 .EnableEndSessionEndpointPassthrough()
                 .EnableUserInfoEndpointPassthrough()
                 // Behind the gateway on loopback HTTP; TLS ends at the edge.
                 .DisableTransportSecurityRequirement();
            })
            .AddValidation(o =>
            {
                o.UseLocalServer();
                o.UseAspNetCore();
            });

        // Issuer, lifetimes, API scopes and keys come from configuration and the database, so they are applied when
        // the options are first used (after InitializeIdentityAsync has loaded the keys).
        builder.Services.AddOptions<OpenIddictServerOptions>()
            .Configure<IOptions<AuthOptions>, IOptions<IdentityOptions>, ServerKeyRing>((o, auth, identity, keys) =>
            {
                o.Issuer = new Uri(auth.Value.Issuer);
                o.AccessTokenLifetime = identity.Value.AccessTokenLifetime;
                o.RefreshTokenLifetime = identity.Value.RefreshTokenLifetime;
                o.Scopes.UnionWith(identity.Value.ApiScopes);
                o.SigningCredentials.Add(new SigningCredentials(keys.Signing, SecurityAlgorithms.RsaSha256));
                o.EncryptionCredentials.Add(new EncryptingCredentials(keys.Encryption,
                    SecurityAlgorithms.Aes256KW, SecurityAlgorithms.Aes256CbcHmacSha512));
            });

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(IdentityPolicies.Bearer, p => p
                .AddAuthenticationSchemes(OpenIddict.Validation.AspNetCore.OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme)
                .RequireAuthenticatedUser())
            .AddPolicy(IdentityPolicies.Administrator, p => p
                .AddAuthenticationSchemes(OpenIddict.Validation.AspNetCore.OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme)
                .RequireRole(Roles.Admin));
        builder.Services.AddSingleton<ServerKeyRing>();
        builder.Services.AddScoped<TokenPrincipals>();
        return builder;
    }
}
