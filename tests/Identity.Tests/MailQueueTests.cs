using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PublicServices.Identity.Data;
using PublicServices.Identity.Tests.Infrastructure;
using PublicServices.Testing;

namespace PublicServices.Identity.Tests;

/// <summary>The identity database's mail queue, drained by a sender in every replica.</summary>
public class MailQueueTests : IAsyncLifetime
{
    PostgresDatabase database = null!;

    public async Task InitializeAsync() => database = await PostgresDatabase.CreateAsync("identity_mail");
    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task Two_replicas_send_each_queued_message_exactly_once()
    {
        await using var first = IdentityFactory.OnPostgres(database);
        await using var second = IdentityFactory.OnPostgres(database);
        _ = first.Server;
        _ = second.Server;
        var run = Guid.NewGuid().ToString("N")[..8];
        var recipients = Enumerable.Range(0, 30).Select(i => $"queue{run}.{i}@example.vn").ToArray();

        await using (var scope = first.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
            db.MailQueue.AddRange(recipients.Select(to => OutgoingMail.Create(to, "Thử " + to, "Nội dung", DateTimeOffset.UtcNow)));
            await db.SaveChangesAsync();
        }

        foreach (var to in recipients)
            await Mailbox.WaitForAsync(to);
        await Task.Delay(TimeSpan.FromSeconds(1)); // time for a second copy, if one were sent
        foreach (var to in recipients)
            Assert.Single(await Mailbox.ToAsync(to));
        await using var check = second.Services.CreateAsyncScope();
        var rows = await check.ServiceProvider.GetRequiredService<IdentityDb>().MailQueue.Where(m => recipients.Contains(m.To)).ToListAsync();
        Assert.All(rows, m => Assert.True(m.SentAt is not null && m.Attempts == 1 && !m.SentToLog, $"{m.To}: {m.Attempts} attempts, {m.LastError}"));
    }

    [Fact]
    public async Task A_message_the_server_cannot_take_stays_queued_and_is_sent_when_it_can()
    {
        // A port where nothing listens: the attempt fails and the message waits for its next attempt.
        await using var broken = IdentityFactory.OnPostgres(database, ("Identity:Smtp:Port", "1"), ("Identity:Smtp:RetryDelay", "00:00:00.200"));
        _ = broken.Server;
        var to = $"retry{Guid.NewGuid():N}"[..16] + "@example.vn";
        await using (var scope = broken.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
            db.MailQueue.Add(OutgoingMail.Create(to, "Thử lại", "Nội dung", DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        }
        await WaitAsync(broken, to, m => m.Attempts >= 2 && m.SentAt is null && m.LastError is not null);
        await broken.DisposeAsync();

        await using var working = IdentityFactory.OnPostgres(database);
        _ = working.Server;

        await Mailbox.WaitForAsync(to);
        await WaitAsync(working, to, m => m.SentAt is not null);
    }

    [Fact]
    public async Task Without_a_mail_server_messages_are_written_to_the_log_and_the_demo_page_shows_the_link()
    {
        await using var demo = IdentityFactory.OnPostgres(database, ("Identity:Smtp:Host", ""), ("Identity:DemoConfirmationLinks", "true"));
        using var browser = demo.Browser();
        var token = Oidc.AntiforgeryToken(await browser.GetStringAsync("/account/register"));
        var citizen = Citizens.Valid();

        using var response = await browser.PostAsync("/account/register", new FormUrlEncodedContent(
            citizen.Select(f => KeyValuePair.Create(f.Key, f.Value?.ToString() ?? "")).Append(KeyValuePair.Create("__RequestVerificationToken", token))));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains("/account/confirm?userId=", html, StringComparison.Ordinal);
        await WaitAsync(demo, (string)citizen["email"]!, m => m.SentToLog && m.SentAt is not null);
        Assert.Empty(await Mailbox.ToAsync((string)citizen["email"]!));
    }

    static async Task WaitAsync(IdentityFactory app, string to, Func<OutgoingMail, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            await using (var scope = app.Services.CreateAsyncScope())
            {
                var row = await scope.ServiceProvider.GetRequiredService<IdentityDb>().MailQueue.SingleAsync(m => m.To == to);
                if (done(row)) return;
                Assert.True(DateTime.UtcNow < deadline, $"{to}: {row.Attempts} attempts, sent {row.SentAt}, {row.LastError}");
            }
            await Task.Delay(200);
        }
    }
}
