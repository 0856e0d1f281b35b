using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace PublicServices.Testing;

/// <summary>
/// A real token issuer for one service's integration tests: it serves its key set over HTTP on loopback, the way
/// the identity service does, and signs JWT access tokens with it. The service under test validates them with its
/// production code (issuer, audience, lifetime, signature). End-to-end tests use the real identity service instead.
/// </summary>
public sealed class TestTokenIssuer : IAsyncDisposable
{
    public const string Issuer = "http://issuer.test/";
    readonly RsaSecurityKey key = new(RSA.Create(2048)) { KeyId = Guid.NewGuid().ToString("N") };
    readonly WebApplication app;

    /// <summary>Base address where the key set (/.well-known/jwks) and client-credentials tokens (/connect/token) are served; use as Auth:Authority.</summary>
    public string Authority { get; }

    TestTokenIssuer(WebApplication app, string authority) { this.app = app; Authority = authority; }

    public static async Task<TestTokenIssuer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        TestTokenIssuer? issuer = null;
        app.MapGet("/.well-known/jwks", () =>
        {
            var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(issuer!.key.Rsa.ExportParameters(false)) { KeyId = issuer.key.KeyId });
            jwk.Use = "sig";
            jwk.Alg = SecurityAlgorithms.RsaSha256;
            return Results.Json(new { keys = new[] { new { kty = jwk.Kty, use = jwk.Use, alg = jwk.Alg, kid = jwk.Kid, n = jwk.N, e = jwk.E } } });
        });
        // Client credentials, as the identity service answers them: a service token whose audience is the scope.
        app.MapPost("/connect/token", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            if (form["grant_type"] != "client_credentials" || string.IsNullOrEmpty(form["client_id"])
                || string.IsNullOrEmpty(form["client_secret"]) || string.IsNullOrEmpty(form["scope"]))
                return Results.Json(new { error = "invalid_request" }, statusCode: StatusCodes.Status400BadRequest);
            var token = issuer!.Service(form["scope"].ToString(), form["client_id"].ToString());
            return Results.Json(new { access_token = token, token_type = "Bearer", expires_in = 600 });
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        issuer = new TestTokenIssuer(app, address);
        return issuer;
    }

    /// <summary>Signs an access token for the audience (and <paramref name="alsoFor"/>, as the portal's tokens are) with the given claims.</summary>
    /// <paramref name="type"/> is the header's "typ": access tokens are "at+jwt" (RFC 9068), as the identity service issues them.
    public string Token(string audience, IEnumerable<Claim> claims, TimeSpan? lifetime = null, string issuer = Issuer, bool forge = false,
        string[]? alsoFor = null, string type = "at+jwt")
    {
        var signingKey = forge ? new RsaSecurityKey(RSA.Create(2048)) { KeyId = key.KeyId } : key;
        var now = DateTime.UtcNow;
        var life = lifetime ?? TimeSpan.FromMinutes(10);
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = life < TimeSpan.Zero ? now + life - TimeSpan.FromMinutes(1) : now,
            NotBefore = life < TimeSpan.Zero ? now + life - TimeSpan.FromMinutes(1) : now,
            Expires = now + life,
            SigningCredentials = new SigningCredentials(signingKey, SecurityAlgorithms.RsaSha256),
            TokenType = type,
        };
        if (alsoFor is { Length: > 0 })
            foreach (var aud in alsoFor.Prepend(audience))
                descriptor.Audiences.Add(aud);
        else
            descriptor.Audience = audience;
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    /// <summary>A citizen's token: role citizen, subject id, and the scope (also the audience).</summary>
    public string Citizen(string audience, string subject) => Token(audience,
        [new("sub", subject), new("role", "citizen"), new("name", "Nguyễn Văn " + subject), new("scope", audience)]);

    /// <summary>An officer's token for an agency with one or more roles.</summary>
    public string Officer(string audience, string subject, string agency, params string[] roles) => Token(audience,
        [new("sub", subject), new("agency", agency), new("scope", audience), .. roles.Select(r => new Claim("role", r))]);

    /// <summary>Another service's client-credentials token.</summary>
    public string Service(string audience, string clientId) => Token(audience,
        [new("sub", clientId), new("client_id", clientId), new("role", "service"), new("scope", audience)]);

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        key.Rsa.Dispose();
    }
}
