using System.Globalization;

namespace PublicServices.PaymentSandbox.Tests;

/// <summary>A pay request (GET /paymentv2/vpcpay.html) as a merchant builds it: valid by default, changed field by field.</summary>
public sealed class PayUrl
{
    public const string ReturnUrl = "https://portal.example/payments/return?source=vnpay";

    readonly Dictionary<string, string> fields = new(StringComparer.Ordinal);

    PayUrl() { }

    public static PayUrl For(string tmnCode, string txnRef, long vnd = 1_500_000, string locale = "vn")
    {
        var now = DateTimeOffset.UtcNow;
        var url = new PayUrl();
        url.fields["vnp_Version"] = "2.1.0";
        url.fields["vnp_Command"] = "pay";
        url.fields["vnp_TmnCode"] = tmnCode;
        url.fields["vnp_Amount"] = (vnd * 100).ToString(CultureInfo.InvariantCulture);
        url.fields["vnp_CreateDate"] = Vnp.Date(now);
        url.fields["vnp_CurrCode"] = "VND";
        url.fields["vnp_IpAddr"] = "203.0.113.7";
        url.fields["vnp_Locale"] = locale;
        // Diacritics, spaces and a '+' in the data exercise the encoding the signature is made over.
        url.fields["vnp_OrderInfo"] = $"Nộp lệ phí hồ sơ {txnRef} (1+1)";
        url.fields["vnp_OrderType"] = "other";
        url.fields["vnp_ReturnUrl"] = ReturnUrl;
        url.fields["vnp_TxnRef"] = txnRef;
        url.fields["vnp_ExpireDate"] = Vnp.Date(now.AddMinutes(15));
        return url;
    }

    public string TxnRef => fields["vnp_TxnRef"];
    public string CreateDate => fields["vnp_CreateDate"];
    public long Amount => long.Parse(fields["vnp_Amount"], CultureInfo.InvariantCulture);
    public string OrderInfo => fields["vnp_OrderInfo"];

    /// <summary>Sets a field (null removes it), before signing.</summary>
    public PayUrl With(string name, string? value)
    {
        if (value is null) fields.Remove(name);
        else fields[name] = value;
        return this;
    }

    /// <summary>The path and query: the fields encoded and signed as the protocol says.</summary>
    public string SignedWith(string secret)
    {
        var data = Vnp.QueryData(fields);
        return $"/paymentv2/vpcpay.html?{data}&vnp_SecureHash={Vnp.Hmac(secret, data)}";
    }

    /// <summary>Signed, then one field changed in the URL (what a tampering customer does).</summary>
    public string SignedThenChanged(string secret, string name, string value) =>
        SignedWith(secret).Replace($"{name}={Vnp.Encode(fields[name])}", $"{name}={Vnp.Encode(value)}", StringComparison.Ordinal);

    /// <summary>Signed over data encoded with %20 for spaces (RFC 3986) instead of '+': not the protocol's canonical form.</summary>
    public string SignedWithPercentSpaces(string secret)
    {
        var data = Vnp.QueryData(fields).Replace("+", "%20", StringComparison.Ordinal);
        return $"/paymentv2/vpcpay.html?{data}&vnp_SecureHash={Vnp.Hmac(secret, data)}";
    }
}
