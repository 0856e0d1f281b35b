using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using PublicServices.Testing;

namespace PublicServices.EndToEnd.Tests;

/// <summary>
/// The notifications service in the running system: the workflow's NotificationRequested.v1 (posted to the service
/// itself with the workflow's token, as its outbox does) becomes an e-mail at the mail server, addressed through
/// identity, and the applicant's channel choice, made through the gateway, decides how the next one is sent.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class NotificationJourneyTests(SystemFixture system)
{
    [Fact]
    public async Task A_requested_notification_is_mailed_in_Vietnamese_and_the_applicant_s_choice_of_sms_replaces_the_email()
    {
        using var http = system.Client();
        var citizen = await Citizens.RegisterAsync(http);
        var tokens = await new BrowserLogin(SystemFixture.Gateway).LoginAsync(citizen.Email, citizen.Password, "openid profile notifications");
        http.DefaultRequestHeaders.Authorization = new("Bearer", tokens.AccessToken);
        var userId = (string)(await http.GetFromJsonAsync<JsonObject>("/api/identity/me"))!["id"]!;
        var confirmationMails = (await Mailbox.ToAsync(citizen.Email)).Length;
        var workflow = await WorkflowTokenAsync();

        // The default: e-mail, in Vietnamese.
        var first = await RequestAsync(workflow, userId, "000.20.01.H10-261205-0001");
        var mails = await Mailbox.WaitForAsync(citizen.Email, confirmationMails + 1, TimeSpan.FromSeconds(60));
        Assert.Equal("Hồ sơ 000.20.01.H10-261205-0001 đã được tiếp nhận", mails[0].Subject);
        Assert.Contains("000.20.01.H10-261205-0001", await Mailbox.TextAsync(mails[0]), StringComparison.Ordinal);

        // The applicant switches to SMS in English: the next message goes to the SMS adapter, and no e-mail follows.
        using var chosen = await http.PutAsJsonAsync("/api/notifications/preferences", new { channels = new[] { "sms" }, language = "en" });
        Assert.Equal(HttpStatusCode.OK, chosen.StatusCode);
        var preference = (await http.GetFromJsonAsync<JsonObject>("/api/notifications/preferences"))!;
        Assert.Equal("sms", (string)Assert.Single(preference["channels"]!.AsArray())!);
        var second = await RequestAsync(workflow, userId, "000.20.01.H10-261205-0002");

        var sent = await SentAsync(http, second);
        Assert.Equal("sms", (string)sent["channel"]!);
        Assert.Equal("Dossier 000.20.01.H10-261205-0002 has been received", (string)sent["subject"]!);
        var earlier = Assert.Single((await http.GetFromJsonAsync<JsonArray>("/api/notifications/me"))!, m => (Guid)m!["dossierId"]! == first)!;
        Assert.Equal("email", (string)earlier["channel"]!);
        Assert.Equal(confirmationMails + 1, (await Mailbox.ToAsync(citizen.Email)).Length);
    }

    /// <summary>Posts a dossier-received notification for the user, as the workflow's outbox would; returns its dossier id.</summary>
    static async Task<Guid> RequestAsync(string workflowToken, string userId, string code)
    {
        var dossier = Guid.NewGuid();
        using var notifications = new HttpClient { BaseAddress = SystemFixture.ServiceAddress("notifications") };
        notifications.DefaultRequestHeaders.Authorization = new("Bearer", workflowToken);
        using var posted = await notifications.PostAsJsonAsync("/api/notifications/events", new JsonObject
        {
            ["id"] = Guid.NewGuid(), ["type"] = "NotificationRequested.v1", ["occurredAt"] = DateTimeOffset.UtcNow,
            ["payload"] = new JsonObject
            {
                ["dossierId"] = dossier, ["template"] = "dossier-received", ["to"] = userId,
                ["data"] = new JsonObject { ["code"] = code, ["procedureName"] = new JsonObject { ["vi"] = "Đăng ký khai sinh", ["en"] = "Birth registration" } },
            },
        });
        Assert.True(posted.IsSuccessStatusCode, await posted.Content.ReadAsStringAsync());
        return dossier;
    }

    /// <summary>The applicant's message about the dossier, once the sender has sent it.</summary>
    static async Task<JsonObject> SentAsync(HttpClient http, Guid dossier)
    {
        var until = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var messages = (await http.GetFromJsonAsync<JsonArray>("/api/notifications/me"))!;
            if (messages.FirstOrDefault(m => (Guid)m!["dossierId"]! == dossier && (string?)m["status"] == "Sent") is JsonObject sent)
                return sent;
            Assert.True(DateTime.UtcNow < until, "the message was not sent within 60 s: " + messages.ToJsonString());
            await Task.Delay(300);
        }
    }

    async Task<string> WorkflowTokenAsync()
    {
        using var http = system.Client();
        using var response = await http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = "svc-workflow",
            ["client_secret"] = system.ServiceClientSecret("svc-workflow"), ["scope"] = "notifications",
        }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<Tokens>())!.AccessToken;
    }
}
