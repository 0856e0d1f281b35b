using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using PublicServices.Testing;

namespace PublicServices.Payments.Tests;

/// <summary>
/// Signatures computed here, independently of the service's VnPaySignature: the query-string rule (sorted, form-encoded,
/// HMAC-SHA512 hex) and the merchant API's pipe-joined layouts.
/// </summary>
public static class TestSigning
{
    public const string Secret = "test-vnpay-hash-secret-0123456789abcdef";
    public const string TmnCode = "TESTTMN1";

    public static string Hex(string data) =>
        string.Concat(new HMACSHA512(Encoding.UTF8.GetBytes(Secret)).ComputeHash(Encoding.UTF8.GetBytes(data)).Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));

    public static string Query(IDictionary<string, string> p, string? secret = null)
    {
        var data = string.Join("&", p.Where(kv => kv.Key != "vnp_SecureHash").OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => System.Net.WebUtility.UrlEncode(kv.Key) + "=" + System.Net.WebUtility.UrlEncode(kv.Value)));
        var hash = secret is null ? Hex(data)
            : string.Concat(new HMACSHA512(Encoding.UTF8.GetBytes(secret)).ComputeHash(Encoding.UTF8.GetBytes(data)).Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
        return data + "&vnp_SecureHash=" + hash;
    }

    public static string Piped(JsonObject o, params string[] layout) => Hex(string.Join("|", layout.Select(k => (string?)o[k] ?? "")));
}

/// <summary>VNPay's merchant API (querydr, refund) as the service calls it, checking each request's signature and signing each answer.</summary>
public sealed class VnPayMerchantStandIn : StandInHost
{
    /// <summary>Orders the provider holds as paid: TxnRef → (amount × 100, transaction number).</summary>
    public ConcurrentDictionary<string, (long Amount, string TransactionNo)> Paid { get; } = new();
    public ConcurrentQueue<JsonObject> Refunds { get; } = new();
    public ConcurrentQueue<JsonObject> Queries { get; } = new();
    public int BadSignatures;

    public string ApiUrl => Address + "/merchant_webapi/api/transaction";

    static readonly string[] QueryLayout = ["vnp_RequestId", "vnp_Version", "vnp_Command", "vnp_TmnCode", "vnp_TxnRef", "vnp_TransactionDate",
        "vnp_CreateDate", "vnp_IpAddr", "vnp_OrderInfo"];
    static readonly string[] RefundLayout = ["vnp_RequestId", "vnp_Version", "vnp_Command", "vnp_TmnCode", "vnp_TransactionType", "vnp_TxnRef",
        "vnp_Amount", "vnp_TransactionNo", "vnp_TransactionDate", "vnp_CreateBy", "vnp_CreateDate", "vnp_IpAddr", "vnp_OrderInfo"];
    static readonly string[] AnswerLayout = ["vnp_ResponseId", "vnp_Command", "vnp_ResponseCode", "vnp_Message", "vnp_TmnCode", "vnp_TxnRef",
        "vnp_Amount", "vnp_BankCode", "vnp_PayDate", "vnp_TransactionNo", "vnp_TransactionType", "vnp_TransactionStatus", "vnp_OrderInfo"];

    public static async Task<VnPayMerchantStandIn> StartAsync()
    {
        var standIn = new VnPayMerchantStandIn();
        var app = NewBuilder().Build();
        app.MapPost("/merchant_webapi/api/transaction", async (HttpRequest request) =>
        {
            var body = (await JsonSerializer.DeserializeAsync<JsonObject>(request.Body))!;
            var command = (string?)body["vnp_Command"];
            var layout = command == "refund" ? RefundLayout : QueryLayout;
            if ((string?)body["vnp_SecureHash"] != TestSigning.Piped(body, layout))
            {
                Interlocked.Increment(ref standIn.BadSignatures);
                return Results.Json(new { vnp_ResponseCode = "97" });
            }
            var txnRef = (string)body["vnp_TxnRef"]!;
            var paid = standIn.Paid.TryGetValue(txnRef, out var p);
            var answer = new JsonObject
            {
                ["vnp_ResponseId"] = Guid.NewGuid().ToString("N"), ["vnp_Command"] = command, ["vnp_TmnCode"] = TestSigning.TmnCode,
                ["vnp_TxnRef"] = txnRef, ["vnp_BankCode"] = "NCB", ["vnp_OrderInfo"] = (string?)body["vnp_OrderInfo"],
            };
            if (command == "refund")
            {
                standIn.Refunds.Enqueue(body);
                answer["vnp_ResponseCode"] = "00"; answer["vnp_Message"] = "Refund success"; answer["vnp_Amount"] = (string?)body["vnp_Amount"];
                answer["vnp_PayDate"] = "20261205120000"; answer["vnp_TransactionNo"] = "R" + body["vnp_TransactionNo"];
                answer["vnp_TransactionType"] = "02"; answer["vnp_TransactionStatus"] = "05";
            }
            else
            {
                standIn.Queries.Enqueue(body);
                answer["vnp_ResponseCode"] = paid ? "00" : "91"; answer["vnp_Message"] = paid ? "Success" : "Transaction not found";
                answer["vnp_Amount"] = paid ? p.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture) : "";
                answer["vnp_PayDate"] = paid ? "20261205120000" : ""; answer["vnp_TransactionNo"] = paid ? p.TransactionNo : "";
                answer["vnp_TransactionType"] = paid ? "01" : ""; answer["vnp_TransactionStatus"] = paid ? "00" : "";
                answer["vnp_PromotionCode"] = ""; answer["vnp_PromotionAmount"] = "";
            }
            answer["vnp_SecureHash"] = TestSigning.Piped(answer, command == "refund" ? AnswerLayout
                : [.. AnswerLayout, "vnp_PromotionCode", "vnp_PromotionAmount"]);
            return Results.Content(answer.ToJsonString(), "application/json");
        });
        await standIn.StartAsync(app);
        return standIn;
    }
}
