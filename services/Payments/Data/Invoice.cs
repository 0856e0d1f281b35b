namespace PublicServices.Payments.Data;

/// <summary>Cancelled: the dossier ended without a result before the fee was paid, so it is no longer due.</summary>
public enum InvoiceStatus { Open = 0, Paid = 1, Refunding = 2, Refunded = 3, Cancelled = 4 }

/// <summary>
/// A fee to pay for a dossier, made from one PaymentRequested event (unique <see cref="RequestEventId"/>). Paid once,
/// by the first session whose payment is settled (<see cref="PaidSessionId"/>).
/// </summary>
public sealed class Invoice
{
    public Guid Id { get; set; }
    public Guid RequestEventId { get; set; }
    public Guid DossierId { get; set; }
    public required string DossierCode { get; set; }
    public required string AgencyCode { get; set; }
    /// <summary>VND, a whole number.</summary>
    public long Amount { get; set; }
    public required string Currency { get; set; }
    public string? Note { get; set; }
    /// <summary>The dossier's applicant, recorded the first time the dossiers service confirms them.</summary>
    public string? ApplicantId { get; set; }
    public InvoiceStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public Guid? PaidSessionId { get; set; }
    public DateTimeOffset? PaidAt { get; set; }
    public DateTimeOffset? RefundedAt { get; set; }
    public string? RefundedBy { get; set; }
    public string? RefundTransactionNo { get; set; }
    /// <summary>Set when the workflow asked for the fee back (the dossier ended without a result); the refund worker does it.</summary>
    public DateTimeOffset? RefundRequestedAt { get; set; }
    public string? RefundReason { get; set; }
}
