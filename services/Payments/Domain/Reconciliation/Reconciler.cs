using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using PublicServices.Payments.Data;
using PublicServices.Payments.Domain.Sessions;
using PublicServices.Payments.Domain.Settling;
using PublicServices.Payments.Providers.VnPay;
using PublicServices.Payments.Resources;

namespace PublicServices.Payments.Domain.Reconciliation;

/// <summary>
/// Settles sessions whose IPN never came: a pending session past its expiry and the grace period is claimed (a lease
/// in its row, taken with <c>FOR UPDATE SKIP LOCKED</c> on PostgreSQL, so replicas never ask about the same session at
/// once), then the provider's querydr decides: paid → settled through <see cref="Settlement"/> exactly as an IPN would;
/// anything else → expired. An unreachable provider leaves the session to the next round after the lease.
/// </summary>
public sealed class Reconciler(PaymentsDb db, Settlement settlement, VnPayClient vnpay, IOptions<PaymentsOptions> options, TimeProvider clock,
    IStringLocalizer<Messages> text, ILogger<Reconciler> log)
{
    public const string By = "reconciliation";

    /// <summary>One round: the number of sessions claimed.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancel)
    {
        var o = options.Value;
        var now = clock.GetUtcNow();
        var claimed = await ClaimAsync(now - o.ReconcileGrace, now, now + o.ReconcileLease, o.ReconcileBatch, cancel);
        foreach (var id in claimed)
        {
            var session = await db.Sessions.AsNoTracking().FirstAsync(s => s.Id == id, cancel);
            var invoice = await db.Invoices.AsNoTracking().FirstAsync(i => i.Id == session.InvoiceId, cancel);
            VnPayAnswer answer;
            try
            {
                answer = await vnpay.QueryAsync(session.TxnRef, session.CreatedAt, SessionStarter.OrderInfo(text, invoice), cancel);
            }
            catch (VnPayUnavailableException e)
            {
                log.LogWarning(e, "Reconciling session {Session}: the provider gave no answer; tried again after the lease", id);
                continue;
            }
            if (answer.Paid)
            {
                var outcome = await settlement.SettleAsync(new ProviderReport(session.TxnRef, answer.Amount ?? -1, null, null, answer.ResponseCode,
                    answer.TransactionStatus, answer.TransactionNo, answer.BankCode, answer.PayDate), By, cancel);
                log.LogInformation("Reconciled session {Session}: paid at the provider, {Outcome}", id, outcome);
            }
            else
            {
                await db.Sessions.Where(s => s.Id == id && s.Status == SessionStatus.Pending)
                    .ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, SessionStatus.Expired).SetProperty(s => s.ResponseCode, answer.ResponseCode)
                        .SetProperty(s => s.SettledAt, now).SetProperty(s => s.SettledBy, By), cancel);
                log.LogInformation("Reconciled session {Session}: not paid at the provider ({Code}/{Status}), expired", id,
                    answer.ResponseCode, answer.TransactionStatus);
            }
        }
        return claimed.Count;
    }

    async Task<List<Guid>> ClaimAsync(DateTimeOffset expiredBefore, DateTimeOffset now, DateTimeOffset leaseUntil, int batch, CancellationToken cancel)
    {
        if (db.Database.IsNpgsql())
            return await db.Database.SqlQuery<Guid>($"""
                UPDATE payment_sessions SET check_after = {leaseUntil}
                WHERE id IN (SELECT id FROM payment_sessions
                             WHERE status = 0 AND expires_at < {expiredBefore} AND (check_after IS NULL OR check_after < {now})
                             ORDER BY expires_at LIMIT {batch} FOR UPDATE SKIP LOCKED)
                RETURNING id AS "Value"
                """).ToListAsync(cancel);
        // SQLite is the one-process embedded mode: no other replica competes for the rows.
        var due = await db.Sessions.Where(s => s.Status == SessionStatus.Pending && s.ExpiresAt < expiredBefore && (s.CheckAfter == null || s.CheckAfter < now))
            .OrderBy(s => s.ExpiresAt).Take(batch).Select(s => s.Id).ToListAsync(cancel);
        await db.Sessions.Where(s => due.Contains(s.Id)).ExecuteUpdateAsync(u => u.SetProperty(s => s.CheckAfter, leaseUntil), cancel);
        return due;
    }
}

/// <summary>
/// Runs <see cref="Reconciler"/> rounds and the refunds the workflow asked for (<see cref="Refunds.Refunder.RefundRequestedAsync"/>)
/// on every replica (Payments:ReconcileInterval; off with ReconcileEnabled false).
/// </summary>
public sealed class ReconciliationWorker(IServiceScopeFactory scopes, IOptionsMonitor<PaymentsOptions> options, TimeProvider clock,
    ILogger<ReconciliationWorker> log) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => ServiceDefaults.PollingLoop.RunAsync(async cancel =>
    {
        if (!options.CurrentValue.ReconcileEnabled)
            return 0;
        await using var scope = scopes.CreateAsyncScope();
        var batch = options.CurrentValue.ReconcileBatch;
        return await scope.ServiceProvider.GetRequiredService<Reconciler>().RunOnceAsync(cancel)
            + await scope.ServiceProvider.GetRequiredService<Refunds.Refunder>().RefundRequestedAsync(batch, cancel);
    }, () => (options.CurrentValue.ReconcileInterval, options.CurrentValue.ReconcileBatch), clock, log, stoppingToken);
}
