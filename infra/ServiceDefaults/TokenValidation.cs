using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace PublicServices.ServiceDefaults;

public static class TokenValidationExtensions
{
    /// <summary>
    /// Validates bearer tokens issued by the identity service: issuer, audience, lifetime, signature, and the header
    /// type "at+jwt" (RFC 9068), so that an identity token or any other JWT the same key signs is never taken for access.
    /// Signing keys are fetched from the identity service directly (not through the gateway) and refreshed
    /// when an unknown key id shows up, so a key rotation needs no restart.
    /// </summary>
    public static TBuilder AddTokenValidation<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddOptions<AuthOptions>().Bind(builder.Configuration.GetSection("Auth"))
            .Validate(o => !string.IsNullOrWhiteSpace(o.Issuer), "Auth:Issuer is required")
            .Validate(o => !string.IsNullOrWhiteSpace(o.Audience), "Auth:Audience is required")
            .ValidateOnStart();
        builder.Services.AddHttpClient(IdentityClient);
        builder.Services.AddSingleton<ValidatedTokens>();
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<AuthOptions>, IHttpClientFactory, ValidatedTokens>((o, auth, clients, validated) =>
            {
                var a = auth.Value;
                o.Events = validated.Events;
                o.MapInboundClaims = false;
                o.RequireHttpsMetadata = false;
                o.RefreshOnIssuerKeyNotFound = true;
                o.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = a.Issuer,
                    ValidAudience = a.Audience,
                    NameClaimType = Claims.Name,
                    RoleClaimType = Claims.Role,
                    ClockSkew = TimeSpan.FromSeconds(30),
                    ValidTypes = [AccessTokenType],
                };
                var jwks = a.Authority.TrimEnd('/') + "/.well-known/jwks";
                o.ConfigurationManager = new ConfigurationManager<OpenIdConnectConfiguration>(
                    jwks, new JwksRetriever(a.Issuer), new HttpDocumentRetriever(clients.CreateClient(IdentityClient)) { RequireHttps = false })
                {
                    AutomaticRefreshInterval = TimeSpan.FromHours(1),
                    RefreshInterval = TimeSpan.FromSeconds(30),
                };
            });
        builder.Services.AddAuthorizationBuilder()
            .SetDefaultPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Applicant, p => p.RequireRole(Roles.Citizen, Roles.Business))
            .AddPolicy(Policies.Officer, p => p.RequireRole(Roles.Officer).RequireClaim(Claims.Agency))
            .AddPolicy(Policies.Service, p => p.RequireRole(Roles.Service));
        return builder;
    }

    /// <summary>The "typ" of the identity service's access tokens (RFC 9068).</summary>
    public const string AccessTokenType = "at+jwt";

    /// <summary>The HTTP client for the identity service: key sets and client-credentials tokens.</summary>
    public const string IdentityClient = "identity";

    /// <summary>Adds a requirement that the token carries this scope (space-separated "scope" claim).</summary>
    public static AuthorizationPolicyBuilder RequireScope(this AuthorizationPolicyBuilder p, string scope) =>
        p.RequireAssertion(ctx => ctx.User.HasScope(scope));

    public static bool HasScope(this ClaimsPrincipal user, string scope) =>
        user.FindAll(Claims.Scope).Any(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(scope));

    public static string? SubjectId(this ClaimsPrincipal user) => user.FindFirst(Claims.Subject)?.Value;
    public static string? AgencyCode(this ClaimsPrincipal user) => user.FindFirst(Claims.Agency)?.Value;
    public static bool IsOfficer(this ClaimsPrincipal user) => Roles.Officer.Any(user.IsInRole);

    /// <summary>
    /// Bearer tokens this process has validated, until they expire (at most <see cref="MaxAge"/>). Checking the
    /// signature and building the claims cost about a tenth of a submission's CPU here, and a client sends the same
    /// token for many requests. A token is only cached after full validation; each request gets its own copy of the
    /// principal. This is a per-process cache of derived data, not shared state: another replica validates on its own.
    /// </summary>
    sealed class ValidatedTokens : IDisposable
    {
        static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);
        readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = 20_000 });

        public JwtBearerEvents Events { get; }

        // The token handler checks lifetimes against the system clock; so does this cache.
        public ValidatedTokens() => Events = new JwtBearerEvents
        {
            OnMessageReceived = context =>
            {
                var header = context.Request.Headers.Authorization.ToString();
                if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    && cache.TryGetValue(header[7..].Trim(), out ClaimsPrincipal? principal) && principal is not null)
                {
                    context.Principal = principal.Clone();
                    context.Success();
                }
                return Task.CompletedTask;
            },
            OnTokenValidated = context =>
            {
                if (context.SecurityToken is Microsoft.IdentityModel.JsonWebTokens.JsonWebToken token && context.Principal is { } principal)
                {
                    var expires = new DateTimeOffset(token.ValidTo, TimeSpan.Zero);
                    var now = DateTimeOffset.UtcNow;
                    if (expires > now)
                        cache.Set(token.EncodedToken, principal.Clone(), new MemoryCacheEntryOptions
                        {
                            AbsoluteExpiration = expires < now + MaxAge ? expires : now + MaxAge,
                            Size = 1,
                        });
                }
                return Task.CompletedTask;
            },
        };

        public void Dispose() => cache.Dispose();
    }

    /// <summary>Builds the configuration from the key set alone: the issuer is configured, not discovered.</summary>
    sealed class JwksRetriever(string issuer) : IConfigurationRetriever<OpenIdConnectConfiguration>
    {
        public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(string address, IDocumentRetriever retriever, CancellationToken cancel)
        {
            var set = new JsonWebKeySet(await retriever.GetDocumentAsync(address, cancel));
            var config = new OpenIdConnectConfiguration { Issuer = issuer, JwksUri = address };
            foreach (var key in set.GetSigningKeys())
                config.SigningKeys.Add(key);
            return config;
        }
    }
}
