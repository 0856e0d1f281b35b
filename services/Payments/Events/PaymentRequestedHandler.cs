using System.Security.Claims;
using Microsoft.Extensions.Localization;
using PublicServices.Contracts.Events;
using PublicServices.Payments.Data;
using PublicServices.Payments.Resources;
using PublicServices.ServiceDefaults;
using PublicServices.ServiceDefaults.Resources;

namespace PublicServices.Payments.Events;

/// <summary>
/// Makes the invoice a <c>PaymentRequested.v1</c> asks for: one per event (the inbox and a unique index on the event
/// id), so a redelivery, even one racing the first, changes nothing. A malformed request is refused for good (400).
/// </summary>
public sealed class PaymentRequestedHandler(PaymentsDb db, TimeProvider clock, IStringLocalizer<Messages> text,
    IStringLocalizer<SharedMessages> shared) : IEventConsumer
{
    public const int MaxNoteLength = 2000;

    public IReadOnlyCollection<string> Types { get; } = [PaymentRequestedV1.Type];

    public async Task<IResult> HandleAsync(EventEnvelope envelope, ClaimsPrincipal sender, CancellationToken cancel)
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
