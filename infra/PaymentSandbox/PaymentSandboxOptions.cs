namespace PublicServices.PaymentSandbox;

/// <summary>The sandbox's configuration (section <c>Sandbox</c>): the registered merchants and the IPN's retry timings.</summary>
public sealed class PaymentSandboxOptions
{
    public const string Section = "Sandbox";

    /// <summary>Registered merchants by vnp_TmnCode (matched exactly, as the signature covers the code as sent).</summary>
    public Dictionary<string, MerchantOptions> Merchants { get; set; } = new(StringComparer.Ordinal);

    public IpnOptions Ipn { get; set; } = new();

    /// <summary>How long a vnp_RequestId of the query/refund API is remembered (94 when seen again).</summary>
    public TimeSpan RequestIdWindow { get; set; } = TimeSpan.FromMinutes(5);

    public MerchantOptions? Merchant(string? tmnCode) =>
        tmnCode is not null && Merchants.TryGetValue(tmnCode, out var merchant) ? merchant : null;
}

/// <summary>What a merchant registers at VNPay: its secret and where the IPN goes.</summary>
public sealed class MerchantOptions
{
    public string Name { get; set; } = "";
    public string HashSecret { get; set; } = "";
    public string IpnUrl { get; set; } = "";

    /// <summary>Never send this merchant an IPN: a lost IPN, so the merchant's reconciliation can be tested.</summary>
    public bool DropIpn { get; set; }
}

public sealed class IpnOptions
{
    public int Attempts { get; set; } = 5;
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(4);
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The wait before try <paramref name="attempt"/> (2, 3, …): the first retry delay, doubled after each try.</summary>
    public TimeSpan DelayBefore(int attempt) => FirstRetryDelay * Math.Pow(2, attempt - 2);
}
