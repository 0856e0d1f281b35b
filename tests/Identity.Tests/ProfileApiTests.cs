using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using PublicServices.Identity.Tests.Infrastructure;

namespace PublicServices.Identity.Tests;

public class ProfileApiTests(IdentityFixture fixture) : IClassFixture<IdentityFixture>
{
    IdentityFactory App => fixture.App;

    [Fact]
    public async Task A_signed_in_citizen_reads_their_own_profile()
    {
        using var client = App.CreateClient();
        var citizen = await Citizens.RegisterAsync(client);
        var tokens = await Oidc.SignInAsync(App, (string)citizen["nationalId"]!, Citizens.Password);

        using var response = await Get(client, tokens.AccessToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var profile = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(citizen["id"], profile.GetProperty("id").GetString());
        Assert.Equal(citizen["fullName"], profile.GetProperty("fullName").GetString());
        Assert.Equal(citizen["nationalId"], profile.GetProperty("nationalId").GetString());
        Assert.Equal(JsonValueKind.Null, profile.GetProperty("agencyCode").ValueKind);
    }

    [Fact]
    public async Task An_officer_reads_a_profile_with_the_agency()
    {
        using var client = App.CreateClient();
        var tokens = await Oidc.SignInAsync(App, "specialist@000.00.12.H10", App.OfficerPassword);

        var profile = await (await Get(client, tokens.AccessToken)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("000.00.12.H10", profile.GetProperty("agencyCode").GetString());
        Assert.Equal(["specialist"], profile.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task Signing_out_everywhere_revokes_the_refresh_tokens_of_every_login_and_needs_the_users_token()
    {
        using var client = App.CreateClient();
        var citizen = await Citizens.RegisterAsync(client);
        var phone = await Oidc.SignInAsync(App, (string)citizen["nationalId"]!, Citizens.Password);
        var laptop = await Oidc.SignInAsync(App, (string)citizen["nationalId"]!, Citizens.Password);

        using (var anonymous = await client.PostAsync("/api/identity/me/sign-out-everywhere", null))
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/identity/me/sign-out-everywhere");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", laptop.AccessToken);
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        foreach (var login in new[] { phone, laptop })
        {
            using var refreshed = await Oidc.RefreshAsync(client, login.RefreshToken!);
            Assert.Equal(HttpStatusCode.BadRequest, refreshed.StatusCode);
        }
    }

    [Fact]
    public async Task Without_a_token_the_profile_is_refused_with_401()
    {
        using var client = App.CreateClient();

        using var response = await client.GetAsync("/api/identity/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_refused_with_401()
    {
        using var client = App.CreateClient();
        var real = await ServiceToken(client);
        var parts = real.Split('.');
        // Same header (same key id) and payload, signed by a key the server never issued.
        using var rsa = RSA.Create(2048);
        var signature = rsa.SignData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var forged = parts[0] + "." + parts[1] + "." + Base64UrlEncoder.Encode(signature);

        using var response = await Get(client, forged);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_token_whose_claims_were_altered_is_refused_with_401()
    {
        using var client = App.CreateClient();
        var citizen = await Citizens.RegisterAsync(client);
        var real = (await Oidc.SignInAsync(App, (string)citizen["nationalId"]!, Citizens.Password)).AccessToken;
        var parts = real.Split('.');
        var payload = Base64UrlEncoder.Decode(parts[1]).Replace("\"citizen\"", "\"admin\"", StringComparison.Ordinal);
        var altered = parts[0] + "." + Base64UrlEncoder.Encode(payload) + "." + parts[2];

        Assert.Equal(HttpStatusCode.OK, (await Get(client, real)).StatusCode);
        using var response = await Get(client, altered);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_client_credentials_token_has_no_user_profile()
    {
        using var client = App.CreateClient();

        using var response = await Get(client, await ServiceToken(client));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    async Task<string> ServiceToken(HttpClient client)
    {
        var business = App.Client("demo-business");
        using var response = await Oidc.ClientCredentialsAsync(client, business.ClientId, business.ClientSecret!, "dossiers");
        return (await Oidc.TokensAsync(response)).AccessToken;
    }

    static Task<HttpResponseMessage> Get(HttpClient client, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/identity/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client.SendAsync(request);
    }
}
