using System.Globalization;

namespace PublicServices.PaymentSandbox.Tests;

/// <summary>Bodies of the query/refund API (POST /merchant_webapi/api/transaction), signed with the layouts of the protocol.</summary>
static class ApiRequests
{
    public static readonly string[] QueryLayout =
        ["vnp_RequestId", "vnp_Version", "vnp_Command", "vnp_TmnCode", "vnp_TxnRef", "vnp_TransactionDate", "vnp_CreateDate", "vnp_IpAddr", "vnp_OrderInfo"];

    public static readonly string[] RefundLayout =
    [
        "vnp_RequestId", "vnp_Version", "vnp_Command", "vnp_TmnCode", "vnp_TransactionType", "vnp_TxnRef", "vnp_Amount", "vnp_TransactionNo",
        "vnp_TransactionDate", "vnp_CreateBy", "vnp_CreateDate", "vnp_IpAddr", "vnp_OrderInfo",
    ];

    public static readonly string[] QueryAnswerLayout =
    [
        "vnp_ResponseId", "vnp_Command", "vnp_ResponseCode", "vnp_Message", "vnp_TmnCode", "vnp_TxnRef", "vnp_Amount", "vnp_BankCode", "vnp_PayDate",
        "vnp_TransactionNo", "vnp_TransactionType", "vnp_TransactionStatus", "vnp_OrderInfo", "vnp_PromotionCode", "vnp_PromotionAmount",
    ];

    public static readonly string[] RefundAnswerLayout = QueryAnswerLayout[..^2];

    public static Dictionary<string, string> QueryDr(PayUrl payment, string? requestId = null, string secret = SandboxFixture.ShopSecret,
        string tmnCode = SandboxFixture.Shop) =>
        Signed(secret, QueryLayout, new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["vnp_RequestId"] = requestId ?? NewRequestId(),
            ["vnp_Version"] = "2.1.0",
            ["vnp_Command"] = "querydr",
            ["vnp_TmnCode"] = tmnCode,
            ["vnp_TxnRef"] = payment.TxnRef,
            ["vnp_OrderInfo"] = "Truy van giao dich " + payment.TxnRef,
            ["vnp_TransactionDate"] = payment.CreateDate,
            ["vnp_CreateDate"] = Vnp.Date(DateTimeOffset.UtcNow),
            ["vnp_IpAddr"] = "203.0.113.7",
        });

    public static Dictionary<string, string> Refund(PayUrl payment, string type, long amount, string transactionNo = "",
        string secret = SandboxFixture.ShopSecret) =>
        Signed(secret, RefundLayout, new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["vnp_RequestId"] = NewRequestId(),
            ["vnp_Version"] = "2.1.0",
            ["vnp_Command"] = "refund",
            ["vnp_TmnCode"] = SandboxFixture.Shop,
            ["vnp_TransactionType"] = type,
            ["vnp_TxnRef"] = payment.TxnRef,
            ["vnp_Amount"] = amount.ToString(CultureInfo.InvariantCulture),
            ["vnp_TransactionNo"] = transactionNo,
            ["vnp_TransactionDate"] = payment.CreateDate,
            ["vnp_CreateBy"] = "officer01",
            ["vnp_CreateDate"] = Vnp.Date(DateTimeOffset.UtcNow),
            ["vnp_IpAddr"] = "203.0.113.7",
            ["vnp_OrderInfo"] = "Hoan tien " + payment.TxnRef,
        });

    /// <summary>Whether an answer's vnp_SecureHash signs its fields in the layout's order.</summary>
    public static bool IsSigned(Dictionary<string, string> answer, string[] layout, string secret = SandboxFixture.ShopSecret) =>
        answer["vnp_SecureHash"] == Vnp.Hmac(secret, Vnp.PipeData(answer, layout));

    static string NewRequestId() => Guid.NewGuid().ToString("N");

    static Dictionary<string, string> Signed(string secret, string[] layout, Dictionary<string, string> fields)
    {
        fields["vnp_SecureHash"] = Vnp.Hmac(secret, Vnp.PipeData(fields, layout));
        return fields;
    }
}
