using PublicServices.Payments.Data;

namespace PublicServices.Payments.Domain.Invoices;

/// <summary>An invoice as its applicant and its agency's officers see it; status is open, paid, refunding or refunded.</summary>
public sealed record InvoiceDto(Guid Id, Guid DossierId, string DossierCode, string AgencyCode, long Amount, string Currency, string? Note,
    string Status, DateTimeOffset CreatedAt, DateTimeOffset? PaidAt, DateTimeOffset? RefundedAt);

public sealed record InvoiceList(IReadOnlyList<InvoiceDto> Items);

public static class InvoiceMapping
{
    public static InvoiceDto AsDto(this Invoice i) => new(i.Id, i.DossierId, i.DossierCode, i.AgencyCode, i.Amount, i.Currency, i.Note,
        Name(i.Status), i.CreatedAt, i.PaidAt, i.RefundedAt);

    public static string Name(InvoiceStatus status) => status switch
    {
        InvoiceStatus.Open => "open",
        InvoiceStatus.Paid => "paid",
        InvoiceStatus.Refunding => "refunding",
        InvoiceStatus.Cancelled => "cancelled",
        _ => "refunded",
    };
}
