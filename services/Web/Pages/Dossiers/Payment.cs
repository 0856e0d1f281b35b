using PublicServices.Web.Clients;

namespace PublicServices.Web.Pages.Dossiers;

/// <summary>
/// Where the dossier's fee stands for its applicant: the invoices from the payments service and, after the way back from
/// the provider (<c>?payment=…&amp;session=…</c>), that session's state. Only the IPN settles a payment, so a return
/// before it shows "confirming" and the page checks again until the invoice is paid or the session failed or expired.
/// </summary>
public sealed record Payment(IReadOnlyList<Invoice> Invoices, bool Unavailable, string? Returned, PaymentSession? Session)
{
    public static readonly Payment None = new([], false, null, null);

    /// <summary>Seconds between two checks while a payment is being confirmed.</summary>
    public const int RecheckSeconds = 3;

    /// <summary>The outcome of the return to show for this invoice: confirming, failed, expired, invalid, or null (nothing to say).</summary>
    public string? OutcomeOf(Invoice invoice)
    {
        if (Returned is null || invoice.Status != "open")
            return null;
        if (Session is { } s && s.InvoiceId == invoice.Id)
            return s.Status switch
            {
                // Paid by the session while the invoice was read just before: look again.
                "paid" => "confirming",
                // The bank's signed answer said no before its IPN came: believe the refusal, never a success.
                "pending" => Returned is "failed" or "expired" or "invalid" ? Returned : "confirming",
                "failed" => "failed",
                _ => "expired",
            };
        return Returned switch
        {
            "failed" or "expired" or "invalid" => Returned,
            _ => null,
        };
    }

    /// <summary>The page checks again by itself while a payment is being confirmed.</summary>
    public bool Confirming => Invoices.Any(i => OutcomeOf(i) == "confirming");
}
