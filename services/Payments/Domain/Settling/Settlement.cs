using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PublicServices.Contracts.Events;
using PublicServices.Payments.Data;

namespace PublicServices.Payments.Domain.Settling;

/// <summary>What the provider says happened to an order, from an IPN or from its query API.</summary>
/// <param name="ProviderAmount">vnp_Amount: VND × 100.</param>
/// <param name="Currency">vnp_CurrCode when the provider sends it.</param>
public sealed record ProviderReport(string TxnRef, long ProviderAmount, string? TmnCode, string? Currency, string ResponseCode,
    string? TransactionStatus, string? TransactionNo, string? BankCode, DateTimeOffset? PayDate)
{
    /// <summary>The money was taken: both codes are 00.</summary>
    public bool Paid => ResponseCode == "00" && TransactionStatus == "00";
}

public enum SettleOutcome { Recorded, AlreadySettled, UnknownOrder, WrongAmount }

/// <summary>
/// The one place a provider's word changes a session, for the IPN and reconciliation alike. Exactly once under any
/// concurrency, across replicas, with no lock in memory: in one transaction a conditional UPDATE moves the session out
/// of pending (only one caller can), then a conditional UPDATE moves its invoice from open to paid (only the first paid
/// session can) together with the <c>PaymentReceived.v1</c> outbox row, whose id is the session's. A paid session whose
/// invoice another session paid already is kept as a duplicate to refund, and sends nothing.
/// A real payment is recorded even after the session expired (the money was taken); only a failure on an expired
/// session is ignored.
/// </summary>
public sealed class Settlement(PaymentsDb db, IOptions<PaymentsOptions> options, TimeProvider clock, ILogger<Settlement> log)
{
    public async Task<SettleOutcome> SettleAsync(ProviderReport report, string by, CancellationToken cancel)
    {
        var session = await db.Sessions.AsNoTracking().FirstOrDefaultAsync(s => s.TxnRef == report.TxnRef, cancel);
        if (session is null)
            return SettleOutcome.UnknownOrder;
        if (report.ProviderAmount != session.Amount * 100
            || (report.TmnCode is not null && report.TmnCode != options.Value.VnPay.TmnCode)
            || report.Currency is not (null or "" or "VND"))
        {
            log.LogWarning("Provider report for session {Session} does not match it: amount {Amount}, terminal {Tmn}, currency {Currency}",
                session.Id, report.ProviderAmount, report.TmnCode, report.Currency);
            return SettleOutcome.WrongAmount;
        }
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancel);
        // PostgreSQL keeps instants in UTC; the provider dates them in Vietnam time.
        var paidAt = (report.PayDate ?? now).ToUniversalTime();
        int moved;
        if (report.Paid)
            moved = await db.Sessions
                .Where(s => s.Id == session.Id && (s.Status == SessionStatus.Pending || s.Status == SessionStatus.Expired))
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, SessionStatus.Paid).SetProperty(s => s.PaidAt, paidAt)
                    .SetProperty(s => s.ProviderTransactionNo, report.TransactionNo).SetProperty(s => s.BankCode, report.BankCode)
                    .SetProperty(s => s.ResponseCode, report.ResponseCode).SetProperty(s => s.SettledAt, now).SetProperty(s => s.SettledBy, by), cancel);
        else
            // A cancelled or failed payment carries vnp_TransactionNo=0 and no vnp_BankTranNo: neither is kept (nor unique).
            moved = await db.Sessions
                .Where(s => s.Id == session.Id && s.Status == SessionStatus.Pending)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, SessionStatus.Failed)
                    .SetProperty(s => s.BankCode, report.BankCode)
                    .SetProperty(s => s.ResponseCode, report.ResponseCode).SetProperty(s => s.SettledAt, now).SetProperty(s => s.SettledBy, by), cancel);
        if (moved == 0)
            return SettleOutcome.AlreadySettled; // the transaction is rolled back on dispose
        if (report.Paid)
        {
            var paid = await db.Invoices.Where(i => i.Id == session.InvoiceId && i.Status == InvoiceStatus.Open)
                .ExecuteUpdateAsync(u => u.SetProperty(i => i.Status, InvoiceStatus.Paid).SetProperty(i => i.PaidSessionId, session.Id)
                    .SetProperty(i => i.PaidAt, paidAt), cancel);
            if (paid == 1)
            {
                var dossierId = await db.Invoices.Where(i => i.Id == session.InvoiceId).Select(i => i.DossierId).FirstAsync(cancel);
                db.Outbox.Add(new OutboxMessage
                {
                    Id = session.Id,
                    Type = PaymentReceivedV1.Type,
                    Payload = JsonSerializer.Serialize(new PaymentReceivedV1(session.Id, dossierId, session.Amount, "VND", session.Provider,
                        report.TransactionNo, paidAt), EventEnvelope.JsonOptions),
                    OccurredAt = now,
                });
                await db.SaveChangesAsync(cancel);
            }
            else
            {
                await db.Sessions.Where(s => s.Id == session.Id)
                    .ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, SessionStatus.Duplicate), cancel);
                log.LogWarning("Session {Session} was paid but its invoice {Invoice} was paid already: a duplicate payment to refund",
                    session.Id, session.InvoiceId);
            }
        }
        await transaction.CommitAsync(cancel);
        return SettleOutcome.Recorded;
    }
}
