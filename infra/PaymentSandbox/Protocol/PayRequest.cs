using System.Globalization;
using Microsoft.Extensions.Primitives;

namespace PublicServices.PaymentSandbox.Protocol;

/// <summary>A checked pay request (GET /paymentv2/vpcpay.html): amounts in VND × 100, dates as the merchant sent them.</summary>
public sealed record PayRequest(
    string TmnCode, string TxnRef, long Amount, string OrderInfo, string OrderType, string Locale, string IpAddr,
    string CreateDate, string ExpireDate, DateTimeOffset ExpiresAt, string ReturnUrl, string? BankCode,
    string SignedData)
{
    public const string Version = "2.1.0";

    static readonly string[] Required =
    [
        "vnp_Version", "vnp_Command", "vnp_TmnCode", "vnp_Amount", "vnp_CreateDate", "vnp_CurrCode", "vnp_IpAddr", "vnp_Locale",
        "vnp_OrderInfo", "vnp_OrderType", "vnp_ReturnUrl", "vnp_TxnRef", "vnp_ExpireDate", VnpSignature.HashField,
    ];

    /// <summary>
    /// Reads and checks a pay URL's query in this order: every parameter once, none missing, a known merchant, the
    /// signature, then the values (version, command, currency, locale, amount, dates, return URL). The first failure wins.
    /// </summary>
    public static (PayRequest? Request, Refusal? Refusal) Read(
        IEnumerable<KeyValuePair<string, StringValues>> query, PaymentSandboxOptions options, DateTimeOffset now)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, values) in query)
        {
            if (values.Count > 1) return (null, Refusal.BadRequest(Refusal.DuplicateField, key));
            fields[key] = values.ToString();
        }
        string Field(string name) => fields.TryGetValue(name, out var value) ? value : "";

        if (Required.FirstOrDefault(f => Field(f).Length == 0) is { } missing) return (null, Refusal.BadRequest(Refusal.MissingField, missing));
        var merchant = options.Merchant(Field("vnp_TmnCode"));
        if (merchant is null) return (null, Refusal.BadRequest(Refusal.UnknownMerchant, Field("vnp_TmnCode")));
        var data = VnpSignature.QueryData(fields);
        if (!VnpSignature.Verify(merchant.HashSecret, data, Field(VnpSignature.HashField)))
            return (null, Refusal.BadRequest(Refusal.InvalidSignature));

        if (Field("vnp_Version") != Version) return (null, Refusal.BadRequest(Refusal.InvalidVersion, Field("vnp_Version")));
        if (Field("vnp_Command") != "pay") return (null, Refusal.BadRequest(Refusal.InvalidCommand, Field("vnp_Command")));
        if (Field("vnp_CurrCode") != "VND") return (null, Refusal.BadRequest(Refusal.InvalidCurrency, Field("vnp_CurrCode")));
        if (Field("vnp_Locale") is not ("vn" or "en")) return (null, Refusal.BadRequest(Refusal.InvalidLocale, Field("vnp_Locale")));
        // Digits only (no sign, no spaces, no decimals): VND × 100 of a whole number of đồng.
        if (!long.TryParse(Field("vnp_Amount"), NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount <= 0 || amount % 100 != 0)
            return (null, Refusal.BadRequest(Refusal.InvalidAmount, Field("vnp_Amount")));
        if (!VnpTime.TryRead(Field("vnp_CreateDate"), out _)) return (null, Refusal.BadRequest(Refusal.InvalidDate, "vnp_CreateDate"));
        if (!VnpTime.TryRead(Field("vnp_ExpireDate"), out var expiresAt)) return (null, Refusal.BadRequest(Refusal.InvalidDate, "vnp_ExpireDate"));
        if (expiresAt <= now) return (null, Refusal.BadRequest(Refusal.Expired, Field("vnp_ExpireDate")));
        if (!Uri.TryCreate(Field("vnp_ReturnUrl"), UriKind.Absolute, out var returnUrl) || returnUrl.Scheme is not ("http" or "https"))
            return (null, Refusal.BadRequest(Refusal.InvalidReturnUrl, Field("vnp_ReturnUrl")));

        var bankCode = Field("vnp_BankCode");
        return (new PayRequest(Field("vnp_TmnCode"), Field("vnp_TxnRef"), amount, Field("vnp_OrderInfo"), Field("vnp_OrderType"),
            Field("vnp_Locale"), Field("vnp_IpAddr"), Field("vnp_CreateDate"), Field("vnp_ExpireDate"), expiresAt, Field("vnp_ReturnUrl"),
            bankCode.Length > 0 ? bankCode : null, data), null);
    }
}
