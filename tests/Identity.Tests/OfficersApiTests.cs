using System.Net;
using System.Net.Http.Json;
using PublicServices.Identity.Tests.Infrastructure;
using PublicServices.Testing;

namespace PublicServices.Identity.Tests;

/// <summary>POST /api/identity/officers: only an administrator creates officers' accounts.</summary>
public sealed class OfficersApiTests(IdentityFixture fixture) : IClassFixture<IdentityFixture>
{
    static int next = Random.Shared.Next(100_000, 900_000);
    const string Password = "Can-bo@2026x";

    static Dictionary<string, object?> Officer(string role = "specialist") => new()
    {
        ["userName"] = $"officer{Interlocked.Increment(ref next)}@000.20.01.H10",
        ["fullName"] = "Trần Văn Cán Bộ",
        ["agencyCode"] = "000.20.01.H10",
        ["role"] = role,
        ["password"] = Password,
    };

    async Task<HttpClient> AsAsync(string userName, string password, string? language = null)
    {
        var tokens = await Oidc.SignInAsync(fixture.App, userName, password);
        return fixture.App.Client(tokens.AccessToken, language);
    }

    [Fact]
    public async Task An_administrator_creates_an_officer_who_can_then_sign_in_with_the_agency_and_role()
    {
        using var admin = await AsAsync("admin", fixture.App.OfficerPassword);
        var body = Officer("leader");

        using var response = await admin.PostAsJsonAsync("/api/identity/officers", body);

        var profile = await response.Json(HttpStatusCode.Created);
        Assert.Equal(body["userName"], (string?)profile["userName"]);
        Assert.Equal("000.20.01.H10", (string?)profile["agencyCode"]);
        var officer = await Oidc.SignInAsync(fixture.App, (string)body["userName"]!, Password);
        Assert.Equal(["leader"], officer.Access.Values("role"));
        Assert.Equal(["000.20.01.H10"], officer.Access.Values("agency"));
    }

    [Fact]
    public async Task Bad_input_gets_a_message_for_each_field_in_Vietnamese_and_in_English()
    {
        var body = new Dictionary<string, object?> { ["userName"] = "có dấu cách", ["fullName"] = " ", ["agencyCode"] = "H10", ["role"] = "admin", ["password"] = "short" };
        using var vi = await AsAsync("admin", fixture.App.OfficerPassword);
        using var en = await AsAsync("admin", fixture.App.OfficerPassword, "en");

        using var inVietnamese = await vi.PostAsJsonAsync("/api/identity/officers", body);
        using var inEnglish = await en.PostAsJsonAsync("/api/identity/officers", body);

        var viErrors = await inVietnamese.FieldErrors();
        Assert.Equal(["agencyCode", "fullName", "password", "role", "userName"], viErrors.Keys.Order());
        Assert.Contains("Mã cơ quan", viErrors["agencyCode"].Single(), StringComparison.Ordinal);
        Assert.Contains(viErrors["password"], m => m.Contains("ít nhất 8 ký tự", StringComparison.Ordinal));
        var enErrors = await inEnglish.FieldErrors();
        Assert.Contains("agency code", enErrors["agencyCode"].Single(), StringComparison.Ordinal);
        Assert.Contains("one_stop_desk", enErrors["role"].Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_taken_user_name_gets_409_and_the_first_account_keeps_its_password()
    {
        using var admin = await AsAsync("admin", fixture.App.OfficerPassword);
        var body = Officer();
        using var first = await admin.PostAsJsonAsync("/api/identity/officers", body);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);

        using var again = await admin.PostAsJsonAsync("/api/identity/officers", new Dictionary<string, object?>(body) { ["password"] = "Khac-hoan@toan9" });

        var problem = await again.Problem(HttpStatusCode.Conflict);
        Assert.Single(problem["errors"]!["userName"]!.AsArray());
        await Oidc.SignInAsync(fixture.App, (string)body["userName"]!, Password);
    }

    [Fact]
    public async Task A_citizen_and_an_officer_are_refused_with_403_and_an_anonymous_caller_with_401()
    {
        var registration = await Citizens.RegisterAsync(fixture.App.CreateClient());
        using var citizen = await AsAsync((string)registration["nationalId"]!, Citizens.Password);
        using var officer = await AsAsync("desk@000.20.01.H10", fixture.App.OfficerPassword);
        using var anonymous = fixture.App.CreateClient();

        using var byCitizen = await citizen.PostAsJsonAsync("/api/identity/officers", Officer());
        using var byOfficer = await officer.PostAsJsonAsync("/api/identity/officers", Officer());
        using var byNobody = await anonymous.PostAsJsonAsync("/api/identity/officers", Officer());

        Assert.Equal(HttpStatusCode.Forbidden, byCitizen.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byOfficer.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, byNobody.StatusCode);
    }
}
