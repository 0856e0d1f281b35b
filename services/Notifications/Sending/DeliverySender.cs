using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PublicServices.Notifications.Clients;
using PublicServices.Notifications.Data;
using PublicServices.Notifications.Domain;
using PublicServices.ServiceDefaults;
using PublicServices.ServiceDefaults.Mail;

namespace PublicServices.Notifications.Sending;

/// <summary>
/// Drains the deliveries: due ones, oldest first, are sent on their channel to the address the identity service gives
/// for the person now. A failure (identity or the mail server unreachable) is retried with a doubling delay; after
/// <see cref="NotificationsOptions.MaxAttempts"/> the delivery is dead, kept with its last error. A person without a
/// confirmed e-mail (or without a phone, for SMS) cannot be reached: dead at once. Every attempt is a row of the
/// delivery log, written with the delivery's new state.
/// </summary>
/// <remarks>
/// Every replica runs one; on PostgreSQL a round locks its batch with <c>FOR UPDATE SKIP LOCKED</c> until the results
/// are committed, so no delivery is sent by two replicas (as identity's mail queue does). A crash between the mail
/// server's answer and the commit sends that batch again (its Message-ID is the delivery's id). SQLite is the
/// single-process embedded mode: it claims without locks.
/// </remarks>
public sealed class DeliverySender(IServiceScopeFactory scopes, IOptionsMonitor<NotificationsOptions> options, TimeProvider time,
    ILogger<DeliverySender> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PollingLoop.RunAsync(SendOnceAsync, () => (options.CurrentValue.PollInterval, options.CurrentValue.BatchSize), time, logger, stoppingToken);

    /// <summary>One round: claims a batch of due deliveries, tries each once, records the results. Returns the batch size.</summary>
    public async Task<int> SendOnceAsync(CancellationToken cancel)
    {
        var o = options.CurrentValue;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDb>();
        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancel);
        var batch = db.Database.IsNpgsql()
            ? await db.Deliveries.FromSql($"""
                SELECT * FROM deliveries
                WHERE status = 'Pending' AND next_attempt_at <= {now}
                ORDER BY next_attempt_at, id
                LIMIT {o.BatchSize}
                FOR UPDATE SKIP LOCKED
                """).AsTracking().ToListAsync(cancel)
            : await db.Deliveries.Where(d => d.Status == DeliveryStatus.Pending && d.NextAttemptAt <= now)
                .OrderBy(d => d.NextAttemptAt).ThenBy(d => d.Id).Take(o.BatchSize).AsTracking().ToListAsync(cancel);
        if (batch.Count == 0) return 0;
        await using (var round = new Round(scope.ServiceProvider, o, logger))
        {
            foreach (var delivery in batch)
            {
                if (cancel.IsCancellationRequested) break;
                Record(db, delivery, await round.SendAsync(delivery, cancel), o);
            }
        }
        // Not cancellable: what the server took before a shutdown is recorded rather than sent again.
        await db.SaveChangesAsync(CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
        return batch.Count;
    }

    void Record(NotificationsDb db, Delivery delivery, Attempt attempt, NotificationsOptions o)
    {
        var now = time.GetUtcNow();
        delivery.Attempts++;
        delivery.Recipient = attempt.Recipient ?? delivery.Recipient;
        string outcome;
        if (attempt.Error is null)
        {
            (delivery.Status, delivery.SentAt, delivery.NextAttemptAt, outcome) = (DeliveryStatus.Sent, now, null, Outcomes.Sent);
        }
        else
        {
            delivery.LastError = attempt.Error.Length > Delivery.ErrorMaxLength ? attempt.Error[..Delivery.ErrorMaxLength] : attempt.Error;
            if (attempt.Final || delivery.Attempts >= o.MaxAttempts)
            {
                (delivery.Status, delivery.NextAttemptAt, outcome) = (DeliveryStatus.Dead, null, Outcomes.Dead);
                logger.LogError("Delivery {Id} ({Template}, {Channel}) given up after {Attempts} attempts: {Error}",
                    delivery.Id, delivery.Template, delivery.Channel, delivery.Attempts, delivery.LastError);
            }
            else
            {
                (delivery.NextAttemptAt, outcome) = (now + o.Backoff(delivery.Attempts, Random.Shared.NextDouble()), Outcomes.Failed);
                logger.LogWarning("Delivery {Id} ({Template}, {Channel}) failed (attempt {Attempt}), retry at {Next}: {Error}",
                    delivery.Id, delivery.Template, delivery.Channel, delivery.Attempts, delivery.NextAttemptAt, delivery.LastError);
            }
        }
        db.DeliveryLog.Add(new DeliveryAttempt
        {
            Id = Guid.CreateVersion7(now), DeliveryId = delivery.Id, DossierId = delivery.DossierId, Channel = delivery.Channel,
            Recipient = delivery.Recipient, Template = delivery.Template, Attempt = delivery.Attempts, Outcome = outcome,
            Error = attempt.Error is null ? null : delivery.LastError, At = now,
        });
    }

    /// <summary>What one attempt came to: no error is sent; a final error is not worth retrying.</summary>
    sealed record Attempt(string? Recipient, string? Error = null, bool Final = false);

    /// <summary>The channels of one round: the SMTP connection is opened for the first e-mail and shared by the rest.</summary>
    sealed class Round(IServiceProvider services, NotificationsOptions o, ILogger logger) : IAsyncDisposable
    {
        readonly IIdentityApi identity = services.GetRequiredService<IIdentityApi>();
        readonly ISmsSender sms = services.GetRequiredService<ISmsSender>();
        SmtpSession? smtp;
        Exception? smtpDown;

        public async Task<Attempt> SendAsync(Delivery delivery, CancellationToken cancel)
        {
            UserContact contact;
            try
            {
                using var answer = await identity.GetUserAsync(delivery.UserId!, cancel);
                if (answer.StatusCode == HttpStatusCode.NotFound)
                    return new Attempt(null, "The identity service knows no user " + delivery.UserId, Final: true);
                if (!answer.IsSuccessStatusCode || answer.Content is null)
                    return new Attempt(null, $"The identity service answered {(int?)answer.StatusCode}");
                contact = answer.Content;
            }
            catch (Exception e) when (!cancel.IsCancellationRequested)
            {
                return new Attempt(null, $"The identity service is unreachable: {e.GetType().Name}: {e.Message}");
            }
            return delivery.Channel switch
            {
                Channels.Email => await EmailAsync(delivery, contact, cancel),
                Channels.Sms => await SmsAsync(delivery, contact, cancel),
                _ => new Attempt(null, "Unknown channel " + delivery.Channel, Final: true),
            };
        }

        async Task<Attempt> EmailAsync(Delivery delivery, UserContact contact, CancellationToken cancel)
        {
            // An address nobody confirmed may be a stranger's, typed by mistake: it gets no mail about a dossier.
            if (string.IsNullOrWhiteSpace(contact.Email) || !contact.EmailConfirmed)
                return new Attempt(contact.Email, "The person has no confirmed e-mail address", Final: true);
            if (o.Smtp.LogsOnly)
            {
                logger.LogInformation("No mail server (Notifications:Smtp:Host is empty); the message to {To}, \"{Subject}\":\n{Text}",
                    contact.Email, delivery.Subject, delivery.Text);
                return new Attempt(contact.Email);
            }
            try
            {
                if (smtpDown is not null) return new Attempt(contact.Email, Describe(smtpDown));
                smtp ??= await SmtpSession.OpenAsync(o.Smtp, cancel);
                await smtp.SendAsync(delivery.Id, contact.Email, delivery.Subject, delivery.Text, delivery.Html, cancel);
                return new Attempt(contact.Email);
            }
            catch (Exception e) when (!cancel.IsCancellationRequested)
            {
                // A broken connection fails the round's other e-mails too, without trying the server again.
                if (smtp is not { IsConnected: true }) smtpDown = e;
                return new Attempt(contact.Email, Describe(e));
            }
        }

        async Task<Attempt> SmsAsync(Delivery delivery, UserContact contact, CancellationToken cancel)
        {
            if (string.IsNullOrWhiteSpace(contact.Phone))
                return new Attempt(null, "The person has no phone number", Final: true);
            try
            {
                await sms.SendAsync(delivery.Id, contact.Phone, delivery.Text, cancel);
                return new Attempt(contact.Phone);
            }
            catch (Exception e) when (!cancel.IsCancellationRequested)
            {
                return new Attempt(contact.Phone, Describe(e));
            }
        }

        static string Describe(Exception e) => $"{e.GetType().Name}: {e.Message}";

        public async ValueTask DisposeAsync()
        {
            if (smtp is not null) await smtp.DisposeAsync();
        }
    }
}
