using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PublicServices.Notifications.Tests;

/// <summary>Each person's choice of channels and language, their own messages, and the administrators' delivery log.</summary>
public class PreferencesTests(NotificationsHost host) : IClassFixture<NotificationsHost>
{
    [Fact]
    public async Task A_person_without_a_choice_gets_email_in_Vietnamese()
    {
        using var citizen = host.Citizen(Guid.NewGuid().ToString());

        var preference = await citizen.GetFromJsonAsync<JsonElement>("/api/notifications/preferences");

        Assert.Equal(["email"], preference.GetProperty("channels").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("vi", preference.GetProperty("language").GetString());
    }

    [Fact]
    public async Task A_choice_is_stored_and_read_back()
    {
        using var citizen = host.Citizen(Guid.NewGuid().ToString());

        using var put = await citizen.PutAsJsonAsync("/api/notifications/preferences", new { channels = new[] { "sms", "email" }, language = "en" });
        var preference = await citizen.GetFromJsonAsync<JsonElement>("/api/notifications/preferences");

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(["email", "sms"], preference.GetProperty("channels").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("en", preference.GetProperty("language").GetString());
    }

    [Theory]
    [InlineData("vi", "Kênh \"fax\" không được hỗ trợ; các kênh: email, sms", "Ngôn ngữ phải là một trong: vi, en")]
    [InlineData("en", "The channel \"fax\" is not supported; the channels are: email, sms", "The language must be one of: vi, en")]
    public async Task A_wrong_choice_gets_field_errors_in_the_persons_language(string language, string channelError, string languageError)
    {
        using var citizen = host.Citizen(Guid.NewGuid().ToString(), language);

        using var response = await citizen.PutAsJsonAsync("/api/notifications/preferences", new { channels = new[] { "fax" }, language = "fr" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(channelError, errors.GetProperty("channels")[0].GetString());
        Assert.Equal(languageError, errors.GetProperty("language")[0].GetString());
    }

    [Fact]
    public async Task No_channel_at_all_is_refused()
    {
        using var citizen = host.Citizen(Guid.NewGuid().ToString());

        using var response = await citizen.PutAsJsonAsync("/api/notifications/preferences", new { channels = Array.Empty<string>(), language = "vi" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Anonymous_callers_are_401_and_services_and_officers_403()
    {
        using var anonymous = host.Client();
        using var officer = host.Client(host.Tokens.Officer(NotificationsHost.Audience, "desk", "000.00.12.H10", "one_stop_desk"));
        using var service = host.Workflow();

        foreach (var path in new[] { "/api/notifications/preferences", "/api/notifications/me" })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(path)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync(path)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await service.GetAsync(path)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PutAsJsonAsync("/api/notifications/preferences", new { channels = new[] { "sms" }, language = "vi" })).StatusCode);
    }

    [Fact]
    public async Task A_person_sees_only_their_own_choice_and_messages()
    {
        var a = host.Identity.AddPerson();
        var b = Guid.NewGuid().ToString();
        using var citizenA = host.Citizen(a.Id);
        using var citizenB = host.Citizen(b);
        await citizenA.PutAsJsonAsync("/api/notifications/preferences", new { channels = new[] { "sms" }, language = "en" });
        var dossier = Guid.NewGuid();
        await host.SendAsync(NotificationsHost.Event("result-ready", a.Id, new JsonObject { ["code"] = "000.00.12.H10-261205-7777" }, dossierId: dossier));

        var mine = await citizenA.GetFromJsonAsync<JsonElement>("/api/notifications/me");
        var theirs = await citizenB.GetFromJsonAsync<JsonElement>("/api/notifications/me");
        var bPreference = await citizenB.GetFromJsonAsync<JsonElement>("/api/notifications/preferences");

        Assert.Equal(dossier, Assert.Single(mine.EnumerateArray()).GetProperty("dossierId").GetGuid());
        Assert.Empty(theirs.EnumerateArray());
        Assert.Equal("vi", bPreference.GetProperty("language").GetString());
        Assert.Equal(["email"], bPreference.GetProperty("channels").EnumerateArray().Select(c => c.GetString()));
    }

    [Fact]
    public async Task Only_administrators_read_the_delivery_log()
    {
        var person = host.Identity.AddPerson();
        var dossier = Guid.NewGuid();
        await host.SendAsync(NotificationsHost.Event("dossier-received", person.Id, new JsonObject { ["code"] = "000.00.12.H10-261205-8888" }, dossierId: dossier));
        await host.WaitForLogAsync(dossier, l => l.Count > 0);
        using var admin = host.Client(host.Tokens.Token(NotificationsHost.Audience, [new("sub", "admin"), new("role", "admin")]));
        using var citizen = host.Citizen(person.Id);
        using var officer = host.Client(host.Tokens.Officer(NotificationsHost.Audience, "desk", "000.00.12.H10", "one_stop_desk"));
        using var anonymous = host.Client();
        var path = $"/api/notifications/deliveries?dossierId={dossier}";

        var log = await admin.GetFromJsonAsync<JsonElement>(path);

        Assert.Equal(person.Email, log[0].GetProperty("recipient").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await citizen.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(path)).StatusCode);
    }
}
