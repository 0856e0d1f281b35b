using System.Text.Json.Nodes;
using PublicServices.Notifications.Data;
using PublicServices.Testing;

namespace PublicServices.Notifications.Tests;

/// <summary>The mail server goes away and comes back: the delivery is retried with growing waits, then sent, every attempt logged.</summary>
public class RetryTests(NotificationsHost host) : IClassFixture<NotificationsHost>
{
    [Fact]
    public async Task While_the_mail_server_is_down_a_message_is_retried_with_backoff_and_sent_when_it_returns()
    {
        var person = host.Identity.AddPerson();
        var dossier = Guid.NewGuid();
        host.Smtp.Down = true;
        try
        {
            await host.SendAsync(NotificationsHost.Event("apology", person.Id,
                new JsonObject { ["code"] = "000.00.12.H10-261205-0042", ["reason"] = "Cần xác minh thêm", ["newDueAt"] = "2026-12-20T02:00:00Z" }, dossierId: dossier));
            await host.WaitForLogAsync(dossier, log => log.Count(a => a.Outcome == Outcomes.Failed) >= 3);
        }
        finally { host.Smtp.Down = false; }

        var mail = Assert.Single(await Mailbox.WaitForAsync(person.Email));
        Assert.Equal("Thư xin lỗi: hồ sơ 000.00.12.H10-261205-0042 trễ hạn", mail.Subject);
        var log = await host.WaitForLogAsync(dossier, l => l.Any(a => a.Outcome == Outcomes.Sent));
        Assert.Equal(Enumerable.Range(1, log.Count), log.Select(a => a.Attempt));
        Assert.All(log[..^1], a => Assert.Equal(Outcomes.Failed, a.Outcome));
        Assert.All(log[..^1], a => Assert.False(string.IsNullOrEmpty(a.Error)));
        Assert.Equal(Outcomes.Sent, log[^1].Outcome);
        Assert.All(log, a => Assert.Equal(person.Email, a.Recipient));
        // Each wait at least the first delay less its jitter, and the second wait longer than the first (doubling).
        var waits = log.Zip(log.Skip(1), (a, b) => b.At - a.At).ToList();
        Assert.All(waits, w => Assert.True(w >= NotificationsHost.RetryDelay * 0.8, $"waited only {w}"));
        Assert.True(waits[1] > waits[0] * 1.2, $"the waits {waits[0]} then {waits[1]} do not grow");
    }
}
