using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using PublicServices.Identity.Tests.Infrastructure;

namespace PublicServices.Identity.Tests;

/// <summary>
/// <c>GET /api/identity/internal/users/{id}</c>: how to reach a person, for the notifications service only (its own
/// client-credentials token for the "identity" scope); every other caller is refused.
/// </summary>
public class InternalUsersApiTests(IdentityFixture fixture) : IClassFixture<IdentityFixture>
{
    IdentityFactory App => fixture.App;

    async Task<string> ServiceTokenAsync(HttpClient client, string clientId, string scope)
    {
        using var response = await Oidc.ClientCredentialsAsync(client, clientId, App.Client(clientId).ClientSecret!, scope);
        return (await Oidc.TokensAsync(response)).AccessToken;
    }

    static async Task<HttpResponseMessage> GetAsync(HttpClient client, string id, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/identity/internal/users/{id}");
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task The_notifications_service_reads_a_persons_contact_details()
    {
        using var client = App.CreateClient();
        var citizen = await Citizens.RegisterAsync(client);

        using var response = await GetAsync(client, (string)citizen["id"]!, await ServiceTokenAsync(client, "svc-notifications", "identity"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var contact = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(citizen["id"], contact.GetProperty("id").GetString());
        Assert.Equal(citizen["fullName"], contact.GetProperty("fullName").GetString());
        Assert.Equal(citizen["email"], contact.GetProperty("email").GetString());
        Assert.True(contact.GetProperty("emailConfirmed").GetBoolean());
        Assert.Equal(citizen["phone"], contact.GetProperty("phone").GetString());
    }

    [Fact]
    public async Task An_unknown_user_is_404()
    {
        using var client = App.CreateClient();

        using var response = await GetAsync(client, Guid.NewGuid().ToString(), await ServiceTokenAsync(client, "svc-notifications", "identity"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Another_service_is_refused()
    {
        using var client = App.CreateClient();
        var citizen = await Citizens.RegisterAsync(client);

        using var response = await GetAsync(client, (string)citizen["id"]!, await ServiceTokenAsync(client, "svc-dossiers", "catalog"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task No_other_client_may_ask_for_the_identity_scope()
    {
        using var client = App.CreateClient();

        using var response = await Oidc.ClientCredentialsAsync(client, "svc-dossiers", App.Client("svc-dossiers").ClientSecret!, "identity");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_citizen_is_refused_even_for_their_own_account()
    {
        using var client = App.CreateClient();
        var citizen = await Citizens.RegisterAsync(client);
        var tokens = await Oidc.SignInAsync(App, (string)citizen["nationalId"]!, Citizens.Password);

        using var response = await GetAsync(client, (string)citizen["id"]!, tokens.AccessToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task An_anonymous_caller_is_401()
    {
        using var client = App.CreateClient();
        var citizen = await Citizens.RegisterAsync(client);

        using var response = await GetAsync(client, (string)citizen["id"]!, token: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
