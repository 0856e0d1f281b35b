using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PublicServices.Identity.Data;
using PublicServices.ServiceDefaults;
using PublicServices.ServiceDefaults.Mail;

namespace PublicServices.Identity.Mail;

/// <summary>
/// Drains the mail queue (<see cref="OutgoingMail"/>): due messages, oldest first, go to the SMTP server over one
/// connection per round; a failure is retried with a growing delay, and after <see cref="SmtpOptions.MaxAttempts"/>
/// the message is set aside. Without a server (embedded mode) each message is written to the log instead.
/// </summary>
/// <remarks>
/// Every replica runs one; on PostgreSQL a round locks its batch with <c>FOR UPDATE SKIP LOCKED</c> until the results
/// are committed, so no message is sent by two replicas (as the events' OutboxDispatcher does). A crash between the
/// server's answer and the commit sends that batch again. SQLite is the single-process embedded mode: plain reads.
/// </remarks>
public sealed class MailSender(IServiceScopeFactory scopes, IOptionsMonitor<SmtpOptions> options, TimeProvider time, ILogger<MailSender> logger)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PollingLoop.RunAsync(SendOnceAsync, () => (options.CurrentValue.PollInterval, options.CurrentValue.BatchSize), time, logger, stoppingToken);

    /// <summary>One round: takes a batch of due messages, tries each once, records the results. Returns the batch size.</summary>
    public async Task<int> SendOnceAsync(CancellationToken cancel)
    {
        var o = options.CurrentValue;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
        var now = time.GetUtcNow();
        if (db.Database.IsNpgsql())
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancel);
            var batch = await db.MailQueue.FromSql($"""
                SELECT * FROM "MailQueue"
                WHERE "SentAt" IS NULL AND NOT "GaveUp" AND ("NextAttemptAt" IS NULL OR "NextAttemptAt" <= {now.UtcDateTime})
                ORDER BY "CreatedAt", "Id"
                LIMIT {o.BatchSize}
                FOR UPDATE SKIP LOCKED
                """).AsTracking().ToListAsync(cancel);
            await DeliverAsync(batch, o, cancel);
            // Not cancellable: what the server took before a shutdown is recorded rather than sent again.
            await db.SaveChangesAsync(CancellationToken.None);
            await transaction.CommitAsync(CancellationToken.None);
            return batch.Count;
        }
        // SQLite cannot compare DateTimeOffset values in a query; the embedded queue is short.
        var waiting = await db.MailQueue.Where(m => m.SentAt == null && !m.GaveUp).AsTracking().ToListAsync(cancel);
        var due = waiting.Where(m => m.NextAttemptAt is null || m.NextAttemptAt <= now)
            .OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).Take(o.BatchSize).ToList();
        await DeliverAsync(due, o, cancel);
        await db.SaveChangesAsync(CancellationToken.None);
        return due.Count;
    }

    async Task DeliverAsync(List<OutgoingMail> batch, SmtpOptions o, CancellationToken cancel)
    {
        if (batch.Count == 0) return;
        if (o.LogsOnly)
        {
            foreach (var mail in batch)
            {
                logger.LogInformation("No mail server (Identity:Smtp:Host is empty); the message to {To}, \"{Subject}\":\n{Text}", mail.To, mail.Subject, mail.Text);
                mail.Attempts++;
                mail.SentToLog = true;
                mail.SentAt = time.GetUtcNow();
            }
            return;
        }
        SmtpSession session;
        try
        {
            session = await SmtpSession.OpenAsync(o, cancel);
        }
        catch (Exception e) when (!cancel.IsCancellationRequested)
        {
            foreach (var mail in batch) Fail(mail, e, o);
            return;
        }
        await using (session)
        {
            foreach (var mail in batch)
            {
                try
                {
                    await session.SendAsync(mail.Id, mail.To, mail.Subject, mail.Text, html: null, cancel);
                    mail.Attempts++;
                    mail.SentAt = time.GetUtcNow();
                    mail.NextAttemptAt = null;
                }
                catch (OperationCanceledException) when (cancel.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception e)
                {
                    Fail(mail, e, o);
                    if (!session.IsConnected) break; // the rest of the batch waits for the next round
                }
            }
        }
    }

    void Fail(OutgoingMail mail, Exception error, SmtpOptions o)
    {
        mail.Attempts++;
        var text = $"{error.GetType().Name}: {error.Message}";
        mail.LastError = text.Length > OutgoingMail.ErrorMaxLength ? text[..OutgoingMail.ErrorMaxLength] : text;
        if (mail.Attempts >= o.MaxAttempts)
        {
            mail.GaveUp = true;
            mail.NextAttemptAt = null;
            logger.LogError("Mail {Id} to {To} not sent after {Attempts} attempts, set aside: {Error}", mail.Id, mail.To, mail.Attempts, mail.LastError);
        }
        else
        {
            mail.NextAttemptAt = time.GetUtcNow() + o.Backoff(mail.Attempts, Random.Shared.NextDouble());
            logger.LogWarning("Mail {Id} to {To} not sent (attempt {Attempt}), retry at {Next}: {Error}", mail.Id, mail.To, mail.Attempts, mail.NextAttemptAt, mail.LastError);
        }
    }
}
