using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PublicServices.Identity.Tests.Infrastructure;
using PublicServices.Testing;

namespace PublicServices.Identity.Tests;

public class RegistrationApiTests(IdentityFixture fixture) : IClassFixture<IdentityFixture>
{
    readonly HttpClient client = fixture.App.CreateClient();

    [Fact]
    public async Task Registering_a_valid_citizen_returns_201_with_the_profile()
    {
        var body = Citizens.Valid().With("phone", "+84 912 000 111");

        using var response = await client.PostAsJsonAsync("/api/identity/citizens", body);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("/api/identity/me", response.Headers.Location?.OriginalString);
        var profile = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(body["nationalId"], profile.GetProperty("nationalId").GetString());
        Assert.Equal(body["nationalId"], profile.GetProperty("userName").GetString());
        Assert.Equal(body["email"], profile.GetProperty("email").GetString());
        Assert.Equal("0912000111", profile.GetProperty("phone").GetString());
        Assert.Equal(["citizen"], profile.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.False(profile.TryGetProperty("password", out _));
        Assert.False(profile.TryGetProperty("passwordHash", out _));
    }

    [Fact]
    public async Task Invalid_fields_return_400_with_a_Vietnamese_message_for_each_field()
    {
        var body = new Dictionary<string, object?>
        {
            ["fullName"] = " ",
            ["nationalId"] = "12345",
            ["email"] = "not-an-email",
            ["phone"] = "12345",
            ["password"] = "short",
        };

        using var response = await client.PostAsJsonAsync("/api/identity/citizens", body);

        var errors = await response.FieldErrors();
        Assert.Equal(["email", "fullName", "nationalId", "password", "phone"], errors.Keys.Order());
        Assert.Contains("12 chữ số", errors["nationalId"].Single(), StringComparison.Ordinal);
        Assert.Contains("họ và tên", errors["fullName"].Single(), StringComparison.Ordinal);
        Assert.Contains(errors["password"], m => m.Contains("ít nhất 8 ký tự", StringComparison.Ordinal));
        Assert.Contains("10 chữ số", errors["phone"].Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_fields_are_explained_in_English_when_the_caller_asks_for_English()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/identity/citizens")
        {
            Content = JsonContent.Create(Citizens.Valid().With("nationalId", "097190123456").With("phone", "0212345678")),
        };
        request.Headers.AcceptLanguage.ParseAdd("en");

        using var response = await client.SendAsync(request);

        var errors = await response.FieldErrors();
        Assert.Equal(["nationalId", "phone"], errors.Keys.Order());
        Assert.Equal("The first three digits are not a valid province code.", errors["nationalId"].Single());
        Assert.StartsWith("The mobile number must have 10 digits", errors["phone"].Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_birth_year_in_the_future_is_refused()
    {
        using var response = await client.PostAsJsonAsync("/api/identity/citizens", Citizens.Valid().With("nationalId", "001299123456"));

        Assert.Contains("năm sinh", (await response.FieldErrors())["nationalId"].Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Registering_an_existing_national_id_or_email_returns_409_and_creates_nothing()
    {
        var first = await Citizens.RegisterAsync(client);

        using var sameId = await client.PostAsJsonAsync("/api/identity/citizens", Citizens.Valid().With("nationalId", first["nationalId"]));
        using var sameEmail = await client.PostAsJsonAsync("/api/identity/citizens",
            Citizens.Valid().With("email", ((string)first["email"]!).ToUpperInvariant()));

        Assert.Equal(["nationalId"], await ConflictingFieldsAsync(sameId));
        Assert.Equal(["email"], await ConflictingFieldsAsync(sameEmail));
    }

    [Fact]
    public async Task Two_simultaneous_registrations_of_one_national_id_create_one_account()
    {
        var nationalId = (string)Citizens.Valid()["nationalId"]!;
        var attempts = Enumerable.Range(0, 4).Select(_ => client.PostAsJsonAsync("/api/identity/citizens", Citizens.Valid().With("nationalId", nationalId)));

        var responses = await Task.WhenAll(attempts);

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        foreach (var r in responses) r.Dispose();
    }

    [Fact]
    public async Task A_registered_citizen_can_log_in_with_the_national_id()
    {
        var citizen = await Citizens.RegisterAsync(client);

        var tokens = await Oidc.SignInAsync(fixture.App, (string)citizen["nationalId"]!, Citizens.Password);

        Assert.Equal(citizen["id"], tokens.Access.Subject);
    }

    static async Task<IEnumerable<string>> ConflictingFieldsAsync(HttpResponseMessage response) =>
        (await response.Problem(HttpStatusCode.Conflict))["errors"]!.AsObject().Select(e => e.Key);
}
