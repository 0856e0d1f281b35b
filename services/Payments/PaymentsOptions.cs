using System.ComponentModel.DataAnnotations;

namespace PublicServices.Payments;

/// <summary>The "Payments" section: session lifetime, reconciliation and the VNPay merchant.</summary>
public sealed class PaymentsOptions
{
    /// <summary>How long a payment session may be paid (also the provider's vnp_ExpireDate).</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long after a session's expiry its IPN may still arrive before reconciliation asks the provider.</summary>
    public TimeSpan ReconcileGrace { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Pause between reconciliation rounds (when a round found less than a batch).</summary>
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A claimed session is not claimed again (by any replica) for this long, so a failed query is retried later.</summary>
    public TimeSpan ReconcileLease { get; set; } = TimeSpan.FromMinutes(2);

    [Range(1, 500)]
    public int ReconcileBatch { get; set; } = 20;

    public bool ReconcileEnabled { get; set; } = true;

    /// <summary>The portal page a citizen returns to when a session names none (a relative path).</summary>
    [Required]
    public string DefaultReturnPath { get; set; } = "/";

    [Required]
    public VnPayOptions VnPay { get; set; } = new();
}

/// <summary>The merchant's terminal at VNPay (or the sandbox): Payments:VnPay.</summary>
public sealed class VnPayOptions
{
    [Required]
    public string TmnCode { get; set; } = "";

    /// <summary>The HMAC-SHA512 key: a secret (ProductionSecrets).</summary>
    [Required]
    public string HashSecret { get; set; } = "";

    /// <summary>The provider's payment page (…/paymentv2/vpcpay.html).</summary>
    [Required, Url]
    public string PayUrl { get; set; } = "";

    /// <summary>The provider's merchant API (…/merchant_webapi/api/transaction): querydr and refund.</summary>
    [Required, Url]
    public string ApiUrl { get; set; } = "";

    /// <summary>The public address of GET /api/payments/vnpay/return through the gateway.</summary>
    [Required, Url]
    public string ReturnUrl { get; set; } = "";
}
