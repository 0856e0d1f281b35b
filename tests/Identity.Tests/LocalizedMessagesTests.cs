using System.Collections;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Resources;
using PublicServices.Identity.Resources;
using PublicServices.Identity.Tests.Infrastructure;
using PublicServices.Testing;

namespace PublicServices.Identity.Tests;

/// <summary>The service's texts come from Resources/Messages*.resx in the caller's language: Vietnamese unless English is asked for.</summary>
public class LocalizedMessagesTests(IdentityFixture fixture) : IClassFixture<IdentityFixture>
{
    IdentityFactory App => fixture.App;

    [Theory]
    [InlineData("vi", "en", "Xác nhận địa chỉ thư điện tử của bạn", "Có người đã thử đăng ký bằng thông tin của bạn")]
    [InlineData("en", "vi", "Confirm your e-mail address", "Someone tried to register with your details")]
    public async Task The_mails_are_in_the_language_the_owner_registered_in(string language, string other, string confirmation, string warning)
    {
        using var client = Client(language);
        using var stranger = Client(other);
        var owner = await Citizens.RegisterAsync(client);

        using var response = await stranger.PostAsJsonAsync("/api/identity/citizens", Citizens.Valid().With("nationalId", owner["nationalId"]));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var mails = await Mailbox.WaitForAsync((string)owner["email"]!, count: 2);
        Assert.Equal([warning, confirmation], mails.Select(m => m.Subject));
    }

    [Theory]
    [InlineData("vi", "Không tìm thấy tài khoản người dùng")]
    [InlineData("en", "The user account was not found")]
    public async Task A_token_without_a_user_gets_a_404_titled_in_the_callers_language(string language, string title)
    {
        using var client = Client(language);
        var business = App.Client("demo-business");
        using var token = await Oidc.ClientCredentialsAsync(client, business.ClientId, business.ClientSecret!, "dossiers");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/identity/me");
        request.Headers.Authorization = new("Bearer", (await Oidc.TokensAsync(token)).AccessToken);

        using var response = await client.SendAsync(request);

        Assert.Equal(title, (string?)(await response.Problem(HttpStatusCode.NotFound))["title"]);
    }

    [Theory]
    [InlineData("vi", "Họ và tên không được dài quá 100 ký tự.")]
    [InlineData("en", "The full name must be at most 100 characters.")]
    public async Task A_field_error_is_worded_in_the_callers_language_with_its_argument(string language, string message)
    {
        using var client = Client(language);

        using var response = await client.PostAsJsonAsync("/api/identity/citizens", Citizens.Valid().With("fullName", new string('a', 101)));

        Assert.Equal([message], (await response.FieldErrors())["fullName"]);
    }

    [Fact]
    public void Every_text_has_a_Vietnamese_and_an_English_version()
    {
        var resources = new ResourceManager(typeof(Messages));
        var vietnamese = Keys(resources, CultureInfo.InvariantCulture);
        var english = Keys(resources, CultureInfo.GetCultureInfo("en"));

        Assert.NotEmpty(vietnamese);
        Assert.Equal(vietnamese, english);
    }

    static SortedSet<string> Keys(ResourceManager resources, CultureInfo culture) =>
        new(resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false)!.Cast<DictionaryEntry>().Select(e => (string)e.Key),
            StringComparer.Ordinal);

    HttpClient Client(string language)
    {
        var client = App.CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        return client;
    }
}
