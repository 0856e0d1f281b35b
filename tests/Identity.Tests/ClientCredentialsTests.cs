using System.Net;
using PublicServices.Identity.Tests.Infrastructure;

namespace PublicServices.Identity.Tests;

public class ClientCredentialsTests(IdentityFixture fixture) : IClassFixture<IdentityFixture>
{
    readonly HttpClient client = fixture.App.CreateClient();

    [Fact]
    public async Task The_demo_business_client_gets_a_business_token_for_the_dossiers_API()
    {
        var business = fixture.App.Client("demo-business");

        using var response = await Oidc.ClientCredentialsAsync(client, business.ClientId, business.ClientSecret!, "dossiers documents");
        var tokens = await Oidc.TokensAsync(response);

        var access = tokens.Access;
        Assert.Equal("demo-business", access.Subject);
        Assert.Equal(["demo-business"], access.Values("client_id"));
        Assert.Equal(["business"], access.Values("role"));
        Assert.Equal(["documents", "dossiers"], access.Audiences.Order());
        Assert.Null(tokens.RefreshToken);
        Assert.True((await Oidc.ValidateAsync(client, tokens.AccessToken, "dossiers")).IsValid);
    }

    [Fact]
    public async Task The_dossiers_service_gets_a_service_token_for_catalog_and_documents()
    {
        var service = fixture.App.Client("svc-dossiers");

        using var response = await Oidc.ClientCredentialsAsync(client, service.ClientId, service.ClientSecret!, "catalog documents");
        var access = (await Oidc.TokensAsync(response)).Access;

        Assert.Equal("svc-dossiers", access.Subject);
        Assert.Equal(["service"], access.Values("role"));
        Assert.Equal(["catalog", "documents"], access.Audiences.Order());
    }

    [Fact]
    public async Task The_workflow_service_gets_a_service_token_for_the_notifications_service()
    {
        var service = fixture.App.Client("svc-workflow");

        using var response = await Oidc.ClientCredentialsAsync(client, service.ClientId, service.ClientSecret!, "notifications");
        var tokens = await Oidc.TokensAsync(response);

        Assert.Equal("svc-workflow", tokens.Access.Subject);
        Assert.Equal(["notifications"], tokens.Access.Audiences);
        Assert.True((await Oidc.ValidateAsync(client, tokens.AccessToken, "notifications")).IsValid);
    }

    [Fact]
    public async Task A_wrong_secret_is_refused()
    {
        using var response = await Oidc.ClientCredentialsAsync(client, "demo-business", "not-the-secret", "dossiers");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", await Oidc.ErrorAsync(response));
    }

    [Fact]
    public async Task A_client_cannot_get_a_scope_it_was_not_given()
    {
        var service = fixture.App.Client("svc-dossiers");

        using var response = await Oidc.ClientCredentialsAsync(client, service.ClientId, service.ClientSecret!, "dossiers");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        // OpenIddict answers invalid_request ("not allowed to use the specified scope").
        Assert.Equal("invalid_request", await Oidc.ErrorAsync(response));
    }

    [Fact]
    public async Task The_public_portal_client_cannot_use_client_credentials()
    {
        using var response = await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "portal",
            ["scope"] = "dossiers",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", await Oidc.ErrorAsync(response));
    }
}
