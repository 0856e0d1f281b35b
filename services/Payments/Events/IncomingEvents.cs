using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PublicServices.Contracts.Events;
using PublicServices.Payments.Data;
using PublicServices.Payments.Resources;
using PublicServices.ServiceDefaults;
using PublicServices.ServiceDefaults.Resources;

namespace PublicServices.Payments.Events;

/// <summary>
/// The workflow's requests. <c>PaymentRequested.v1</c> makes one invoice per event (the inbox and a unique index on
/// the event id), so a redelivery, even one racing the first, changes nothing. <c>RefundRequested.v1</c> (the dossier
/// ended without a result) cancels the dossier's open invoices and marks its paid ones for the refund worker, in the
/// inbox's transaction. A malformed request is refused for good (400).
/// </summary>
public sealed class IncomingEvents(PaymentsDb db, TimeProvider clock, IStringLocalizer<Messages> text,
    IStringLocalizer<SharedMessages> shared) : IEventConsumer
{
    public const int MaxNoteLength = 2000;

    public IReadOnlyCollection<string> Types { get; } = [PaymentRequestedV1.Type, RefundRequestedV1.Type];

    public Task<IResult> HandleAsync(EventEnvelope envelope, ClaimsPrincipal sender, CancellationToken cancel) =>
        envelope.Type == RefundRequestedV1.Type ? RefundAsync(envelope, cancel) : InvoiceAsync(envelope, cancel);

    async Task<IResult> RefundAsync(EventEnvelope envelope, CancellationToken cancel)
    {
        var request = envelope.PayloadAs<RefundRequestedV1>();
        if (request is null)
            return Problems.Validation("payload", shared["Event.PayloadShape"]);
        if (request.DossierId == Guid.Empty)
            return Problems.Validation("payload.dossierId", text["Request.DossierId"]);
        var now = clock.GetUtcNow();
        var reason = request.Reason is { Length: > MaxNoteLength } r ? r[..MaxNoteLength] : request.Reason;
        var outcome = await db.HandleOnceAsync(envelope, async c =>
        {
            await db.Invoices.Where(i => i.DossierId == request.DossierId && i.Status == InvoiceStatus.Open)
                .ExecuteUpdateAsync(u => u.SetProperty(i => i.Status, InvoiceStatus.Cancelled), c);
            await db.Invoices.Where(i => i.DossierId == request.DossierId && i.RefundRequestedAt == null
                    && (i.Status == InvoiceStatus.Paid || i.Status == InvoiceStatus.Refunding))
                .ExecuteUpdateAsync(u => u.SetProperty(i => i.RefundRequestedAt, now).SetProperty(i => i.RefundReason, reason), c);
            return true;
        }, now, cancel);
        return TypedResults.Ok(new RequestHandled(outcome == InboxOutcome.Applied ? "refund_requested" : "duplicate"));
    }

    async Task<IResult> InvoiceAsync(EventEnvelope envelope, CancellationToken cancel)
    {
        var request = envelope.PayloadAs<PaymentRequestedV1>();
        if (request is null)
            return Problems.Validation("payload", shared["Event.PayloadShape"]);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request.DossierId == Guid.Empty)
            errors["payload.dossierId"] = [text["Request.DossierId"]];
        if (string.IsNullOrWhiteSpace(request.Code) || request.Code.Length > 100)
            errors["payload.code"] = [text["Request.Code"]];
        if (string.IsNullOrWhiteSpace(request.AgencyCode) || request.AgencyCode.Length > 50)
            errors["payload.agencyCode"] = [text["Request.AgencyCode"]];
        if (request.Amount <= 0)
            errors["payload.amount"] = [text["Request.Amount"]];
        // VNPay takes VND only; an event in another currency is the producer's mistake, not ours to convert.
        if (request.Currency is not (null or "VND"))
            errors["payload.currency"] = [text["Request.Currency"]];
        if (errors.Count > 0)
            return Problems.Validation(errors);

        var now = clock.GetUtcNow();
        var invoice = new Invoice
        {
            Id = Guid.CreateVersion7(now), RequestEventId = envelope.Id, DossierId = request.DossierId, DossierCode = request.Code!,
            AgencyCode = request.AgencyCode!, Amount = request.Amount, Currency = "VND", CreatedAt = now, Status = InvoiceStatus.Open,
            Note = request.Note is { Length: > MaxNoteLength } note ? note[..MaxNoteLength] : request.Note,
        };
        var outcome = await db.HandleOnceAsync(envelope, _ =>
        {
            db.Invoices.Add(invoice);
            return Task.FromResult(true);
        }, now, cancel);
        return TypedResults.Ok(new RequestHandled(outcome == InboxOutcome.Applied ? "created" : "duplicate"));
    }

    public sealed record RequestHandled(string Outcome);
}
