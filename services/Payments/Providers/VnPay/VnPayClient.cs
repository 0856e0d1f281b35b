using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace PublicServices.Payments.Providers.VnPay;

/// <summary>What the merchant API said about a transaction, once its signature checked out.</summary>
public sealed record VnPayAnswer(string ResponseCode, string? Message, string? TxnRef, long? Amount, string? TransactionNo,
    string? TransactionStatus, string? BankCode, DateTimeOffset? PayDate)
{
    /// <summary>The money was taken: the call went through and the transaction's status is 00.</summary>
    public bool Paid => ResponseCode == "00" && TransactionStatus == "00";
}

/// <summary>The merchant could not get a trustworthy answer (unreachable, malformed, or a signature that does not match).</summary>
public sealed class VnPayUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// The VNPay 2.1.0 adapter: the signed pay URL, and the merchant API (<c>querydr</c>, <c>refund</c>) over a typed HttpClient
/// with the standard resilience handler. Every answer's signature is checked before it is believed.
/// </summary>
public sealed class VnPayClient(HttpClient http, IOptions<PaymentsOptions> options, TimeProvider clock)
{
    public const string Name = "vnpay";
    public const string Version = "2.1.0";
    /// <summary>Our address as the merchant API asks it (vnp_IpAddr of server calls).</summary>
    const string ServerIp = "127.0.0.1";

    VnPayOptions VnPay => options.Value.VnPay;

    /// <summary>The provider's pay page for a session, signed.</summary>
    public string PayUrl(string txnRef, long amount, string orderInfo, string locale, string ipAddress, DateTimeOffset createdAt, DateTimeOffset expiresAt)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["vnp_Version"] = Version,
            ["vnp_Command"] = "pay",
            ["vnp_TmnCode"] = VnPay.TmnCode,
            ["vnp_Amount"] = ProviderAmount(amount),
            ["vnp_CreateDate"] = VnPaySignature.Date(createdAt),
            ["vnp_CurrCode"] = "VND",
            ["vnp_IpAddr"] = ipAddress,
            ["vnp_Locale"] = locale,
            ["vnp_OrderInfo"] = orderInfo,
            ["vnp_OrderType"] = "billpayment",
            ["vnp_ReturnUrl"] = VnPay.ReturnUrl,
            ["vnp_TxnRef"] = txnRef,
            ["vnp_ExpireDate"] = VnPaySignature.Date(expiresAt),
        };
        return VnPay.PayUrl + (VnPay.PayUrl.Contains('?', StringComparison.Ordinal) ? "&" : "?") + VnPaySignature.SignedQuery(VnPay.HashSecret, parameters);
    }

    /// <summary>VND × 100, as vnp_Amount carries it.</summary>
    public static string ProviderAmount(long amount) => (amount * 100).ToString(CultureInfo.InvariantCulture);

    public bool Verify(IEnumerable<KeyValuePair<string, string>> parameters) => VnPaySignature.Verify(VnPay.HashSecret, parameters);

    /// <summary><c>querydr</c>: the state of the order at the provider.</summary>
    public async Task<VnPayAnswer> QueryAsync(string txnRef, DateTimeOffset transactionDate, string orderInfo, CancellationToken cancel)
    {
        var requestId = Guid.NewGuid().ToString("N");
        var created = VnPaySignature.Date(clock.GetUtcNow());
        var date = VnPaySignature.Date(transactionDate);
        var request = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["vnp_RequestId"] = requestId, ["vnp_Version"] = Version, ["vnp_Command"] = "querydr", ["vnp_TmnCode"] = VnPay.TmnCode,
            ["vnp_TxnRef"] = txnRef, ["vnp_OrderInfo"] = orderInfo, ["vnp_TransactionDate"] = date, ["vnp_CreateDate"] = created,
            ["vnp_IpAddr"] = ServerIp,
            ["vnp_SecureHash"] = VnPaySignature.Piped(VnPay.HashSecret, requestId, Version, "querydr", VnPay.TmnCode, txnRef, date, created, ServerIp, orderInfo),
        };
        var answer = await PostAsync(request, cancel);
        Check(answer, "vnp_ResponseId", "vnp_Command", "vnp_ResponseCode", "vnp_Message", "vnp_TmnCode", "vnp_TxnRef", "vnp_Amount", "vnp_BankCode",
            "vnp_PayDate", "vnp_TransactionNo", "vnp_TransactionType", "vnp_TransactionStatus", "vnp_OrderInfo", "vnp_PromotionCode", "vnp_PromotionAmount");
        return AnswerOf(answer);
    }

    /// <summary><c>refund</c> of a whole transaction (type 02).</summary>
    public async Task<VnPayAnswer> RefundAsync(string txnRef, long amount, string transactionNo, DateTimeOffset transactionDate, string createdBy,
        string orderInfo, CancellationToken cancel)
    {
        var requestId = Guid.NewGuid().ToString("N");
        var created = VnPaySignature.Date(clock.GetUtcNow());
        var date = VnPaySignature.Date(transactionDate);
        var providerAmount = ProviderAmount(amount);
        const string fullRefund = "02";
        var request = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["vnp_RequestId"] = requestId, ["vnp_Version"] = Version, ["vnp_Command"] = "refund", ["vnp_TmnCode"] = VnPay.TmnCode,
            ["vnp_TransactionType"] = fullRefund, ["vnp_TxnRef"] = txnRef, ["vnp_Amount"] = providerAmount, ["vnp_OrderInfo"] = orderInfo,
            ["vnp_TransactionNo"] = transactionNo, ["vnp_TransactionDate"] = date, ["vnp_CreateBy"] = createdBy, ["vnp_CreateDate"] = created,
            ["vnp_IpAddr"] = ServerIp,
            ["vnp_SecureHash"] = VnPaySignature.Piped(VnPay.HashSecret, requestId, Version, "refund", VnPay.TmnCode, fullRefund, txnRef,
                providerAmount, transactionNo, date, createdBy, created, ServerIp, orderInfo),
        };
        var answer = await PostAsync(request, cancel);
        Check(answer, "vnp_ResponseId", "vnp_Command", "vnp_ResponseCode", "vnp_Message", "vnp_TmnCode", "vnp_TxnRef", "vnp_Amount", "vnp_BankCode",
            "vnp_PayDate", "vnp_TransactionNo", "vnp_TransactionType", "vnp_TransactionStatus", "vnp_OrderInfo");
        return AnswerOf(answer);
    }

    async Task<Dictionary<string, string>> PostAsync(Dictionary<string, string> request, CancellationToken cancel)
    {
        try
        {
            using var response = await http.PostAsJsonAsync(VnPay.ApiUrl, request, cancel);
            response.EnsureSuccessStatusCode();
            using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancel), cancellationToken: cancel);
            if (json.RootElement.ValueKind != JsonValueKind.Object)
                throw new VnPayUnavailableException("The merchant API answered something other than a JSON object");
            // Values arrive as strings or numbers; the signature covers their text.
            return json.RootElement.EnumerateObject().ToDictionary(p => p.Name,
                p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.ValueKind == JsonValueKind.Null ? "" : p.Value.GetRawText(),
                StringComparer.Ordinal);
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or TaskCanceledException && !cancel.IsCancellationRequested)
        {
            throw new VnPayUnavailableException("The merchant API could not be reached", e);
        }
    }

    void Check(Dictionary<string, string> answer, params string[] layout)
    {
        var expected = VnPaySignature.Piped(VnPay.HashSecret, layout.Select(k => answer.GetValueOrDefault(k)));
        if (!answer.TryGetValue(VnPaySignature.HashField, out var given) || !VnPaySignature.Equal(given, expected))
            throw new VnPayUnavailableException("The merchant API's answer is not signed with our secret");
        if (answer.GetValueOrDefault("vnp_TmnCode") is { Length: > 0 } tmn && tmn != VnPay.TmnCode)
            throw new VnPayUnavailableException("The merchant API answered for another terminal");
    }

    static VnPayAnswer AnswerOf(Dictionary<string, string> a) => new(
        a.GetValueOrDefault("vnp_ResponseCode") ?? "", a.GetValueOrDefault("vnp_Message"), a.GetValueOrDefault("vnp_TxnRef"),
        long.TryParse(a.GetValueOrDefault("vnp_Amount"), NumberStyles.None, CultureInfo.InvariantCulture, out var amount) ? amount : null,
        a.GetValueOrDefault("vnp_TransactionNo"), a.GetValueOrDefault("vnp_TransactionStatus"), a.GetValueOrDefault("vnp_BankCode"),
        VnPaySignature.ParseDate(a.GetValueOrDefault("vnp_PayDate")));
}
