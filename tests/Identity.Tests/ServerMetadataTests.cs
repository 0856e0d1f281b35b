using System.Net.Http.Json;
using System.Text.Json;
using PublicServices.Identity.Tests.Infrastructure;

namespace PublicServices.Identity.Tests;

public class ServerMetadataTests(IdentityFixture fixture) : IClassFixture<IdentityFixture>
{
    [Fact]
    public async Task Discovery_names_the_configured_issuer_and_its_public_endpoints()
    {
        using var client = fixture.App.CreateClient();

        var discovery = await client.GetFromJsonAsync<JsonElement>("/.well-known/openid-configuration");

        Assert.Equal(Oidc.Issuer, discovery.GetProperty("issuer").GetString());
        Assert.Equal(Oidc.Issuer + ".well-known/jwks", discovery.GetProperty("jwks_uri").GetString());
        Assert.Equal(Oidc.Issuer + "connect/token", discovery.GetProperty("token_endpoint").GetString());
        Assert.Equal(Oidc.Issuer + "connect/authorize", discovery.GetProperty("authorization_endpoint").GetString());
        Assert.Equal(Oidc.Issuer + "connect/endsession", discovery.GetProperty("end_session_endpoint").GetString());
        Assert.Equal(Oidc.Issuer + "connect/revoke", discovery.GetProperty("revocation_endpoint").GetString());
        var scopes = discovery.GetProperty("scopes_supported").EnumerateArray().Select(s => s.GetString()).ToList();
        Assert.Superset(new HashSet<string?> { "openid", "offline_access", "catalog", "documents", "dossiers" }, scopes.ToHashSet());
    }

    [Fact]
    public async Task The_key_set_at_well_known_jwks_holds_the_RSA_signing_key_without_its_private_part()
    {
        using var client = fixture.App.CreateClient();

        var jwks = await client.GetFromJsonAsync<JsonElement>("/.well-known/jwks");

        var key = Assert.Single(jwks.GetProperty("keys").EnumerateArray());
        Assert.Equal("RSA", key.GetProperty("kty").GetString());
        Assert.Equal("sig", key.GetProperty("use").GetString());
        Assert.False(string.IsNullOrEmpty(key.GetProperty("kid").GetString()));
        Assert.False(key.TryGetProperty("d", out _));
        Assert.False(key.TryGetProperty("p", out _));
    }

    [Fact]
    public async Task The_API_describes_itself_in_an_OpenAPI_document_without_the_browser_endpoints()
    {
        using var client = fixture.App.CreateClient();

        var document = await client.GetFromJsonAsync<JsonElement>("/api/identity/openapi/v1.json");

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).Order().ToList();
        Assert.Equal(["/api/identity/audit/verify", "/api/identity/citizens", "/api/identity/internal/users/{id}", "/api/identity/me", "/api/identity/me/sign-out-everywhere", "/api/identity/officers"], paths);
    }
}
