namespace PublicServices.Payments.Data;

public enum SessionStatus
{
    Pending = 0,
    Paid = 1,
    /// <summary>The provider reported a payment that did not go through (cancelled, declined).</summary>
    Failed = 2,
    /// <summary>Never paid: the provider confirmed it after expiry (reconciliation).</summary>
    Expired = 3,
    /// <summary>Paid, but its invoice was already paid by another session: money to give back, no second effect.</summary>
    Duplicate = 4,
}

/// <summary>One attempt to pay an invoice at the provider: its order (<see cref="TxnRef"/>) and signed pay URL.</summary>
public sealed class PaymentSession
{
    public Guid Id { get; set; }
    public Guid InvoiceId { get; set; }
    public required string Provider { get; set; }
    /// <summary>The order reference at the provider (vnp_TxnRef), unique.</summary>
    public required string TxnRef { get; set; }
    /// <summary>VND, a whole number (the provider's vnp_Amount is this × 100).</summary>
    public long Amount { get; set; }
    public required string ApplicantId { get; set; }
    public SessionStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public required string RedirectUrl { get; set; }
    /// <summary>The portal path the browser returns to (relative, checked when the session was made).</summary>
    public required string ReturnPath { get; set; }
    public required string Locale { get; set; }
    public string? ProviderTransactionNo { get; set; }
    public string? BankCode { get; set; }
    public string? ResponseCode { get; set; }
    public DateTimeOffset? PaidAt { get; set; }
    public DateTimeOffset? SettledAt { get; set; }
    /// <summary>"ipn" or "reconciliation": which path settled it.</summary>
    public string? SettledBy { get; set; }
    /// <summary>Reconciliation leaves the session alone until then (a lease, so replicas do not ask twice at once).</summary>
    public DateTimeOffset? CheckAfter { get; set; }
}
