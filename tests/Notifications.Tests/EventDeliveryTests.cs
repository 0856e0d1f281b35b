using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using PublicServices.Notifications.Data;
using PublicServices.Testing;

namespace PublicServices.Notifications.Tests;

/// <summary>A NotificationRequested.v1 event, through the real service, to the test mail server and the SMS log.</summary>
public class EventDeliveryTests(NotificationsHost host) : IClassFixture<NotificationsHost>
{
    static string Code() => $"000.00.12.H10-261205-{Random.Shared.Next(1000, 9999)}";

    [Fact]
    public async Task A_received_dossier_is_mailed_in_Vietnamese_with_its_code()
    {
        var person = host.Identity.AddPerson();
        var code = Code();

        using var response = await host.SendAsync(NotificationsHost.Event("dossier-received", person.Id,
            new JsonObject { ["code"] = code, ["procedureName"] = new JsonObject { ["vi"] = "Đăng ký khai sinh", ["en"] = "Birth registration" },
                ["dueAt"] = "2026-12-10T10:00:00Z" }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var mail = Assert.Single(await Mailbox.WaitForAsync(person.Email));
        Assert.Equal($"Hồ sơ {code} đã được tiếp nhận", mail.Subject);
        var text = await Mailbox.TextAsync(mail);
        Assert.Contains("Đăng ký khai sinh", text, StringComparison.Ordinal);
        // 10:00 UTC is 17:00 in Vietnam.
        Assert.Contains("10/12/2026 17:00", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_person_who_prefers_English_gets_the_English_message()
    {
        var person = host.Identity.AddPerson();
        using (var citizen = host.Citizen(person.Id))
            Assert.Equal(HttpStatusCode.OK, (await citizen.PutAsJsonAsync("/api/notifications/preferences", new { channels = new[] { "email" }, language = "en" })).StatusCode);
        var code = Code();

        await host.SendAsync(NotificationsHost.Event("payment-required", person.Id, new JsonObject { ["code"] = code, ["amount"] = 200000 }));

        var mail = Assert.Single(await Mailbox.WaitForAsync(person.Email));
        Assert.Equal($"Dossier {code}: fees to pay", mail.Subject);
        Assert.Contains("200.000 ₫", await Mailbox.TextAsync(mail), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_event_twice_sends_one_email()
    {
        var person = host.Identity.AddPerson();
        var dossier = Guid.NewGuid();
        var envelope = NotificationsHost.Event("result-ready", person.Id, new JsonObject { ["code"] = Code() }, dossierId: dossier);

        using (var first = await host.SendAsync(envelope)) Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using (var second = await host.SendAsync(envelope)) Assert.Equal(HttpStatusCode.OK, second.StatusCode);

        await host.WaitForLogAsync(dossier, log => log.Any(a => a.Outcome == Outcomes.Sent));
        await Task.Delay(1000); // room for a second message, were one queued
        Assert.Single(await Mailbox.ToAsync(person.Email));
        Assert.Equal(1, await host.Query(db => db.Deliveries.CountAsync(d => d.DossierId == dossier)));
    }

    [Fact]
    public async Task A_person_who_chose_SMS_gets_a_text_in_the_SMS_log_and_no_email()
    {
        var person = host.Identity.AddPerson();
        using (var citizen = host.Citizen(person.Id))
            await citizen.PutAsJsonAsync("/api/notifications/preferences", new { channels = new[] { "sms" }, language = "vi" });
        var dossier = Guid.NewGuid();
        var code = Code();

        await host.SendAsync(NotificationsHost.Event("supplement-requested", person.Id, new JsonObject { ["code"] = code, ["reason"] = "Thiếu bản sao CCCD" },
            dossierId: dossier));

        var log = await host.WaitForLogAsync(dossier, l => l.Any(a => a.Outcome == Outcomes.Sent));
        Assert.Equal("sms", Assert.Single(log).Channel);
        var sms = await host.Query(db => db.SmsLog.Where(s => s.Phone == person.Phone).ToListAsync());
        Assert.Contains(code, Assert.Single(sms).Text, StringComparison.Ordinal);
        Assert.Contains("Thiếu bản sao CCCD", sms[0].Text, StringComparison.Ordinal);
        Assert.Empty(await Mailbox.ToAsync(person.Email));
    }

    [Fact]
    public async Task An_unknown_template_is_refused_and_nothing_is_queued()
    {
        var person = host.Identity.AddPerson();
        var dossier = Guid.NewGuid();

        using var response = await host.SendAsync(NotificationsHost.Event("birthday-card", person.Id, new JsonObject { ["code"] = Code() }, dossierId: dossier));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("template", out _));
        Assert.Equal(0, await host.Query(db => db.Deliveries.CountAsync(d => d.DossierId == dossier)));
    }

    [Fact]
    public async Task A_template_without_its_data_is_refused()
    {
        var person = host.Identity.AddPerson();

        using var response = await host.SendAsync(NotificationsHost.Event("payment-required", person.Id, new JsonObject { ["code"] = Code() }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("data.amount", out _));
    }

    [Fact]
    public async Task Officers_messages_are_kept_unresolved_and_logged_not_sent()
    {
        var dossier = Guid.NewGuid();

        using var response = await host.SendAsync(NotificationsHost.Event("task-overdue", null,
            new JsonObject { ["dossierCode"] = Code(), ["agencyCode"] = "000.00.12.H10", ["role"] = "specialist", ["taskId"] = Guid.NewGuid() }, dossierId: dossier));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var delivery = Assert.Single(await host.Query(db => db.Deliveries.Where(d => d.DossierId == dossier).ToListAsync()));
        Assert.Equal(DeliveryStatus.Unresolved, delivery.Status);
        Assert.Equal("000.00.12.H10/specialist", delivery.Recipient);
        Assert.Equal(Outcomes.Unresolved, Assert.Single(await host.WaitForLogAsync(dossier, l => l.Count > 0)).Outcome);
    }

    [Fact]
    public async Task Only_the_workflow_may_send_the_event()
    {
        var person = host.Identity.AddPerson();
        using var dossiers = host.Client(host.Tokens.Service(NotificationsHost.Audience, "svc-dossiers"));
        using var citizen = host.Citizen(person.Id);
        using var anonymous = host.Client();
        var envelope = NotificationsHost.Event("dossier-received", person.Id, new JsonObject { ["code"] = Code() });

        Assert.Equal(HttpStatusCode.Forbidden, (await dossiers.PostAsJsonAsync("/api/notifications/events", envelope)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await citizen.PostAsJsonAsync("/api/notifications/events", envelope)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/notifications/events", envelope)).StatusCode);
    }
}
