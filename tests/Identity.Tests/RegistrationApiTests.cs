using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using PublicServices.Identity.Data;
using PublicServices.Identity.Tests.Infrastructure;
using PublicServices.Testing;

namespace PublicServices.Identity.Tests;

public class RegistrationApiTests(IdentityFixture fixture) : IClassFixture<IdentityFixture>
{
    readonly HttpClient client = fixture.App.CreateClient();

    [Fact]
    public async Task Registering_a_valid_citizen_answers_202_and_mails_a_link_that_confirms_the_account()
    {
        var body = Citizens.Valid().With("phone", "+84 912 000 111");

        using var response = await client.PostAsJsonAsync("/api/identity/citizens", body);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Contains("thư", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("message").GetString(), StringComparison.Ordinal);
        var user = await UserAsync(nationalId: (string)body["nationalId"]!);
        Assert.NotNull(user);
        Assert.False(user.EmailConfirmed);
        Assert.Equal("0912000111", user.PhoneNumber);
        var mail = (await Mailbox.WaitForAsync((string)body["email"]!)).Single();
        Assert.Equal("Xác nhận địa chỉ thư điện tử của bạn", mail.Subject);
        var link = await Mailbox.LinkAsync((string)body["email"]!);
        Assert.StartsWith(Oidc.Issuer + "account/confirm?", link.AbsoluteUri, StringComparison.Ordinal);
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
    public async Task Registering_a_taken_national_id_or_email_answers_as_a_fresh_registration_creates_nothing_and_warns_the_owner()
    {
        var owner = await Citizens.RegisterAsync(client);
        var fresh = Citizens.Valid();
        var sameId = Citizens.Valid().With("nationalId", owner["nationalId"]);
        var sameEmail = Citizens.Valid().With("email", ((string)owner["email"]!).ToUpperInvariant());

        var answers = new List<(HttpStatusCode Status, string Body)>();
        foreach (var body in new[] { fresh, sameId, sameEmail })
        {
            using var response = await client.PostAsJsonAsync("/api/identity/citizens", body);
            answers.Add((response.StatusCode, await response.Content.ReadAsStringAsync()));
        }

        Assert.Equal(HttpStatusCode.Accepted, answers[0].Status);
        Assert.All(answers, a => Assert.Equal(answers[0], a));
        Assert.Null(await UserAsync(email: (string)sameId["email"]!));
        Assert.Null(await UserAsync(nationalId: (string)sameEmail["nationalId"]!));
        Assert.Empty(await Mailbox.ToAsync((string)sameId["email"]!));
        // The owner got the confirmation, then one warning for each attempt.
        var warnings = (await Mailbox.WaitForAsync((string)owner["email"]!, count: 3)).Take(2).ToArray();
        Assert.All(warnings, m => Assert.Equal("Có người đã thử đăng ký bằng thông tin của bạn", m.Subject));
        Assert.Contains("số định danh cá nhân", await Mailbox.TextAsync(warnings[1]), StringComparison.Ordinal);
        Assert.Contains("địa chỉ thư điện tử", await Mailbox.TextAsync(warnings[0]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_taken_registration_takes_about_as_long_as_a_fresh_one()
    {
        var owner = await Citizens.RegisterAsync(client);
        var fresh = new List<double>();
        var taken = new List<double>();
        // Alternating, so that both kinds meet the same load on the machine.
        for (var i = 0; i < 7; i++)
        {
            fresh.Add(await TimeAsync(Citizens.Valid()));
            taken.Add(await TimeAsync(Citizens.Valid().With("nationalId", owner["nationalId"])));
        }

        var ratio = Median(taken) / Median(fresh);
        Assert.True(ratio is > 0.4 and < 2.5, $"taken {Median(taken):F0} ms, fresh {Median(fresh):F0} ms");
    }

    async Task<double> TimeAsync(Dictionary<string, object?> body)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        using var response = await client.PostAsJsonAsync("/api/identity/citizens", body);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return watch.Elapsed.TotalMilliseconds;
    }

    static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    [Fact]
    public async Task Two_simultaneous_registrations_of_one_national_id_create_one_account_and_get_the_same_answer()
    {
        var nationalId = (string)Citizens.Valid()["nationalId"]!;
        var attempts = Enumerable.Range(0, 4).Select(_ => client.PostAsJsonAsync("/api/identity/citizens", Citizens.Valid().With("nationalId", nationalId)));

        var responses = await Task.WhenAll(attempts);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        Assert.NotNull(await UserAsync(nationalId: nationalId));
        foreach (var r in responses) r.Dispose();
    }

    [Fact]
    public async Task A_registered_citizen_can_log_in_with_the_national_id()
    {
        var citizen = await Citizens.RegisterAsync(client);

        var tokens = await Oidc.SignInAsync(fixture.App, (string)citizen["nationalId"]!, Citizens.Password);

        Assert.Equal(citizen["id"], tokens.Access.Subject);
    }

    async Task<ApplicationUser?> UserAsync(string? nationalId = null, string? email = null)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        return nationalId is not null ? await users.FindByNameAsync(nationalId) : await users.FindByEmailAsync(email!);
    }
}
