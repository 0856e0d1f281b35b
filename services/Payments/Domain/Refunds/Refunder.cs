using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PublicServices.Payments.Data;
using PublicServices.Payments.Domain.Invoices;
using PublicServices.Payments.Domain.Sessions;
using PublicServices.Payments.Providers.VnPay;
using PublicServices.Payments.Resources;
using PublicServices.ServiceDefaults;
using PublicServices.ServiceDefaults.Audit;

namespace PublicServices.Payments.Domain.Refunds;

public sealed record RefundRequest(string? Reason);

/// <summary>
/// Gives a paid fee back through the provider's refund API: a leader of the invoice's agency decides (the agency
/// that charged it; administrators configure, they do not handle citizens' money). Idempotent: a refunded invoice
/// answers as it is. One caller at a time: a conditional update moves the invoice from paid to refunding before the
/// provider is called, so two clicks never refund twice; a refusal or an unreachable provider moves it back. The
/// refund and its audit entry are saved together.
/// </summary>
public sealed class Refunder(PaymentsDb db, VnPayClient vnpay, AuditTrail audit, TimeProvider clock, IStringLocalizer<Messages> text,
    ILogger<Refunder> log)
{
    public const int MaxReasonLength = 1000;

    public async Task<Results<Ok<InvoiceDto>, ValidationProblem, ProblemHttpResult>> RefundAsync(ClaimsPrincipal user, Guid id, RefundRequest? request,
        CancellationToken cancel)
    {
        var reason = request?.Reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > MaxReasonLength)
            return Problems.Validation("reason", text["Refund.Reason", MaxReasonLength]);
        var invoice = await db.Invoices.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, cancel);
        if (invoice is null || invoice.AgencyCode != user.AgencyCode())
            return Problems.NotFound(text["Invoice.NotFound"]);
        if (invoice.Status == InvoiceStatus.Refunded)
            return TypedResults.Ok(invoice.AsDto());
        if (invoice.Status != InvoiceStatus.Paid || invoice.PaidSessionId is not { } sessionId)
            return Problems.Problem(StatusCodes.Status409Conflict, text[invoice.Status == InvoiceStatus.Refunding ? "Refund.InProgress" : "Refund.NotPaid"]);
        var claimed = await db.Invoices.Where(i => i.Id == id && i.Status == InvoiceStatus.Paid)
            .ExecuteUpdateAsync(u => u.SetProperty(i => i.Status, InvoiceStatus.Refunding), cancel);
        if (claimed == 0)
            return Problems.Problem(StatusCodes.Status409Conflict, text["Refund.InProgress"]);

        return await RefundClaimedAsync(invoice, sessionId, reason, AuditTrail.ActorOf(user),
            (action, details) => audit.Add(db, user, action, $"invoices/{id}", details), cancel);
    }

    /// <summary>
    /// The fees the workflow asked back (<c>RefundRequested.v1</c>): each paid one is claimed like a leader's refund and
    /// given back; a refusal or an unreachable provider leaves it paid for the next round. Returns the invoices tried.
    /// </summary>
    public async Task<int> RefundRequestedAsync(int batch, CancellationToken cancel)
    {
        var due = await db.Invoices.AsNoTracking().Where(i => i.RefundRequestedAt != null && i.Status == InvoiceStatus.Paid)
            .OrderBy(i => i.RefundRequestedAt).Take(batch).ToListAsync(cancel);
        foreach (var invoice in due)
        {
            var claimed = await db.Invoices.Where(i => i.Id == invoice.Id && i.Status == InvoiceStatus.Paid)
                .ExecuteUpdateAsync(u => u.SetProperty(i => i.Status, InvoiceStatus.Refunding), cancel);
            if (claimed == 0 || invoice.PaidSessionId is not { } sessionId)
                continue;
            var result = await RefundClaimedAsync(invoice, sessionId, invoice.RefundReason ?? "", Workflow,
                (action, details) => audit.Add(db, Workflow, null, action, $"invoices/{invoice.Id}", details), cancel);
            log.LogInformation("Refund asked by the workflow for invoice {Invoice} of dossier {Dossier}: {Result}", invoice.Id, invoice.DossierCode,
                result.Result.GetType().Name);
        }
        return due.Count;
    }

    /// <summary>The actor of refunds the workflow asked for.</summary>
    public const string Workflow = "svc-workflow";

    /// <summary>An invoice this caller moved from paid to refunding: the provider gives the money back, or it goes back to paid.</summary>
    async Task<Results<Ok<InvoiceDto>, ValidationProblem, ProblemHttpResult>> RefundClaimedAsync(Invoice invoice, Guid sessionId, string reason,
        string actor, Action<string, object> audited, CancellationToken cancel)
    {
        var id = invoice.Id;
        var session = await db.Sessions.AsNoTracking().FirstAsync(s => s.Id == sessionId, cancel);
        VnPayAnswer? answer = null;
        try
        {
            answer = await vnpay.RefundAsync(session.TxnRef, session.Amount, session.ProviderTransactionNo ?? "", session.CreatedAt,
                actor, SessionStarter.OrderInfo(text, invoice), cancel);
        }
        catch (VnPayUnavailableException e)
        {
            log.LogWarning(e, "Refund of invoice {Invoice}: no answer from the provider", id);
        }
        if (answer is { ResponseCode: "05" or "06" })
        {
            // Real VNPay may take a refund in and finish it later (05/06: in progress). The money is on its way back, so the
            // invoice stays refunding (a second request is refused as in progress) and the call is audited; the sandbox
            // answers 00 at once. Settling a refund left in progress (querydr) is not done yet (README, "Not done yet").
            log.LogWarning("Refund of invoice {Invoice}: the provider took it in ({Code}), not finished yet", id, answer.ResponseCode);
            audited("payment.refund.pending", new { amount = invoice.Amount, reason, code = answer.ResponseCode });
            await db.SaveChangesAsync(CancellationToken.None);
            invoice.Status = InvoiceStatus.Refunding; // as the conditional update above left the row
            return TypedResults.Ok(invoice.AsDto());
        }
        if (answer is not { ResponseCode: "00" })
        {
            await db.Invoices.Where(i => i.Id == id && i.Status == InvoiceStatus.Refunding)
                .ExecuteUpdateAsync(u => u.SetProperty(i => i.Status, InvoiceStatus.Paid), CancellationToken.None);
            return answer is null
                ? Problems.Problem(StatusCodes.Status503ServiceUnavailable, text["Refund.ProviderUnavailable"])
                : Problems.Problem(StatusCodes.Status502BadGateway, text["Refund.ProviderRefused", answer.ResponseCode]);
        }

        var tracked = await db.Invoices.AsTracking().FirstAsync(i => i.Id == id, cancel);
        tracked.Status = InvoiceStatus.Refunded;
        tracked.RefundedAt = clock.GetUtcNow();
        tracked.RefundedBy = actor;
        tracked.RefundTransactionNo = answer.TransactionNo;
        audited("payment.refund", new { amount = invoice.Amount, reason, transactionNo = answer.TransactionNo });
        await db.SaveChangesAsync(CancellationToken.None);
        return TypedResults.Ok(tracked.AsDto());
    }
}
