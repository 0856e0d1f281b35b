using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using PublicServices.PaymentSandbox.Protocol;
using PublicServices.PaymentSandbox.Transactions;

namespace PublicServices.PaymentSandbox.Payments;

/// <summary>
/// VNPay's merchant API (POST /merchant_webapi/api/transaction): querydr (the state of a payment) and refund. Every
/// value is a JSON string (numbers are read as their digits); the answer is always HTTP 200 with vnp_ResponseCode.
/// The request and answer hashes cover the fields of the layouts below joined with '|', in that order.
/// </summary>
public sealed class MerchantRequests(TransactionStore store, IOptionsMonitor<PaymentSandboxOptions> options, TimeProvider clock)
{
    public static readonly string[] QueryLayout =
        ["vnp_RequestId", "vnp_Version", "vnp_Command", "vnp_TmnCode", "vnp_TxnRef", "vnp_TransactionDate", "vnp_CreateDate", "vnp_IpAddr", "vnp_OrderInfo"];

    public static readonly string[] RefundLayout =
    [
        "vnp_RequestId", "vnp_Version", "vnp_Command", "vnp_TmnCode", "vnp_TransactionType", "vnp_TxnRef", "vnp_Amount", "vnp_TransactionNo",
        "vnp_TransactionDate", "vnp_CreateBy", "vnp_CreateDate", "vnp_IpAddr", "vnp_OrderInfo",
    ];

    public static readonly string[] RefundAnswerLayout =
    [
        "vnp_ResponseId", "vnp_Command", "vnp_ResponseCode", "vnp_Message", "vnp_TmnCode", "vnp_TxnRef", "vnp_Amount", "vnp_BankCode",
        "vnp_PayDate", "vnp_TransactionNo", "vnp_TransactionType", "vnp_TransactionStatus", "vnp_OrderInfo",
    ];

    public static readonly string[] QueryAnswerLayout = [.. RefundAnswerLayout, "vnp_PromotionCode", "vnp_PromotionAmount"];

    static string Message(string code, string command) => (code, command) switch
    {
        ("00", _) => "Success",
        ("02", "refund") => "Refund amount is larger than what is left to refund",
        ("02", _) => "Merchant is not valid",
        ("03", _) => "Request data is not in the right format",
        ("04", _) => "A full refund is not allowed after a partial refund",
        ("91", _) => "Transaction not found",
        ("93", _) => "A full refund must be of the amount paid",
        ("94", _) => "Duplicate request (vnp_RequestId already used)",
        ("95", _) => "Transaction is not paid or already refunded",
        _ => "Invalid checksum",
    };

    public Dictionary<string, string> Handle(JsonElement? body)
    {
        var fields = ReadFields(body);
        var command = Field(fields, "vnp_Command");
        var isRefund = command == "refund";
        var answer = new Answer(isRefund ? RefundAnswerLayout : QueryAnswerLayout, command, Field(fields, "vnp_TmnCode"), Field(fields, "vnp_TxnRef"));
        if (command is not ("querydr" or "refund")) return answer.Finish("03", null, "vnp_Command must be querydr or refund");

        var layout = isRefund ? RefundLayout : QueryLayout;
        // vnp_TransactionNo of a refund may be empty (the payment is found by vnp_TxnRef and vnp_TransactionDate).
        var missing = layout.Append(VnpSignature.HashField).FirstOrDefault(f => Field(fields, f).Length == 0 && !(isRefund && f == "vnp_TransactionNo"));
        if (missing is not null) return answer.Finish("03", null, $"{missing} is missing");

        var settings = options.CurrentValue;
        // 02 means "amount too large" in a refund answer; there no secret is known for the code, so no checksum is right.
        if (settings.Merchant(answer.TmnCode) is not { } merchant) return answer.Finish(isRefund ? "97" : "02", null);
        var secret = merchant.HashSecret;
        if (!VnpSignature.Verify(secret, VnpSignature.PipeData(layout.Select(f => Field(fields, f))), Field(fields, VnpSignature.HashField)))
            return answer.Finish("97", secret);
        var now = clock.GetUtcNow();
        if (!store.ClaimRequestId(answer.TmnCode, Field(fields, "vnp_RequestId"), now, settings.RequestIdWindow)) return answer.Finish("94", secret);
        if (Field(fields, "vnp_Version") != PayRequest.Version) return answer.Finish("03", secret, $"vnp_Version must be {PayRequest.Version}");
        if (!VnpTime.TryRead(Field(fields, "vnp_CreateDate"), out _) || !VnpTime.TryRead(Field(fields, "vnp_TransactionDate"), out _))
            return answer.Finish("03", secret, $"vnp_CreateDate and vnp_TransactionDate must be {VnpTime.Format} (GMT+7)");

        // The payment is the one of this merchant and TxnRef whose pay request had this vnp_CreateDate.
        var transaction = store.Find(answer.TmnCode, answer.TxnRef);
        if (transaction is null || transaction.Request.CreateDate != Field(fields, "vnp_TransactionDate")) return answer.Finish("91", secret);
        return isRefund ? Refund(answer, fields, transaction, secret, now) : Query(answer, transaction, secret);
    }

    static Dictionary<string, string> Query(Answer answer, Transaction transaction, string secret)
    {
        var result = transaction.Result;
        answer.Set("vnp_Amount", Digits(transaction.Request.Amount));
        answer.Set("vnp_OrderInfo", transaction.Request.OrderInfo);
        answer.Set("vnp_BankCode", result?.BankCode ?? "");
        answer.Set("vnp_PayDate", result?.PayDate ?? "");
        answer.Set("vnp_TransactionNo", result?.TransactionNo ?? "");
        answer.Set("vnp_TransactionType", "01");
        // 01: the page was shown and neither paid nor cancelled.
        answer.Set("vnp_TransactionStatus", result?.TransactionStatus ?? "01");
        return answer.Finish("00", secret);
    }

    Dictionary<string, string> Refund(Answer answer, Dictionary<string, string> fields, Transaction transaction, string secret, DateTimeOffset now)
    {
        var type = Field(fields, "vnp_TransactionType");
        if (type is not ("02" or "03")) return answer.Finish("03", secret, "vnp_TransactionType must be 02 (full) or 03 (partial)");
        if (!long.TryParse(Field(fields, "vnp_Amount"), NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount <= 0 || amount % 100 != 0)
            return answer.Finish("03", secret, "vnp_Amount must be a positive multiple of 100 (VND x 100)");
        var transactionNo = Field(fields, "vnp_TransactionNo");
        if (transactionNo is not ("" or "0") && transactionNo != transaction.Result?.TransactionNo) return answer.Finish("91", secret);

        var result = transaction.Result;
        answer.Set("vnp_TransactionType", type);
        answer.Set("vnp_OrderInfo", Field(fields, "vnp_OrderInfo"));
        answer.Set("vnp_BankCode", result?.BankCode ?? "");
        var refund = new RefundRecord(Field(fields, "vnp_RequestId"), type, amount, store.NextNumber(), Field(fields, "vnp_CreateBy"), now);
        var code = transaction.Refund(refund);
        if (code != "00")
        {
            answer.Set("vnp_TransactionStatus", result?.TransactionStatus ?? "01");
            return answer.Finish(code, secret);
        }
        // The refund's own number and time; the sandbox refunds at once (VNPay may answer 05/06: refund in progress).
        answer.Set("vnp_Amount", Digits(amount));
        answer.Set("vnp_PayDate", VnpTime.Write(now));
        answer.Set("vnp_TransactionNo", refund.TransactionNo);
        answer.Set("vnp_TransactionStatus", "00");
        return answer.Finish("00", secret);
    }

    static string Digits(long amount) => amount.ToString(CultureInfo.InvariantCulture);

    static string Field(Dictionary<string, string> fields, string name) => fields.TryGetValue(name, out var value) ? value : "";

    /// <summary>The body's string and number members as text; anything else (not an object, null, arrays) counts as missing.</summary>
    static Dictionary<string, string> ReadFields(JsonElement? body)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        if (body is not { ValueKind: JsonValueKind.Object } json) return fields;
        foreach (var member in json.EnumerateObject())
        {
            if (member.Value.ValueKind == JsonValueKind.String) fields[member.Name] = member.Value.GetString()!;
            else if (member.Value.ValueKind == JsonValueKind.Number) fields[member.Name] = member.Value.GetRawText();
        }
        return fields;
    }

    /// <summary>An answer in its layout's order: every field present (empty when unknown), then vnp_SecureHash.</summary>
    sealed class Answer
    {
        readonly string[] layout;
        readonly Dictionary<string, string> values = new(StringComparer.Ordinal);

        public Answer(string[] layout, string command, string tmnCode, string txnRef)
        {
            this.layout = layout;
            foreach (var field in layout) values[field] = "";
            values["vnp_ResponseId"] = Guid.NewGuid().ToString("N");
            values["vnp_Command"] = command;
            values["vnp_TmnCode"] = tmnCode;
            values["vnp_TxnRef"] = txnRef;
        }

        public string TmnCode => values["vnp_TmnCode"];
        public string TxnRef => values["vnp_TxnRef"];

        public void Set(string field, string value) => values[field] = value;

        /// <summary>The answer with its code and message, signed when the merchant's secret is known (else an empty hash).</summary>
        public Dictionary<string, string> Finish(string code, string? secret, string? detail = null)
        {
            values["vnp_ResponseCode"] = code;
            values["vnp_Message"] = detail is null ? Message(code, values["vnp_Command"]) : $"{Message(code, values["vnp_Command"])}: {detail}";
            values[VnpSignature.HashField] = secret is null ? "" : VnpSignature.Sign(secret, VnpSignature.PipeData(layout.Select(f => values[f])));
            return values;
        }
    }
}
