using System.Security.Cryptography;
using System.Text;

namespace PublicServices.Payments.Tests;

/// <summary>
/// Signatures computed here, independently of the service's VnPaySignature: the query-string rule of VNPay's .NET
/// library (non-empty vnp_ parameters, sorted, form-encoded, HMAC-SHA512 hex). TmnCode and Secret are the merchant
/// the sandbox registers for these tests.
/// </summary>
public static class TestSigning
{
    public const string Secret = "test-vnpay-hash-secret-0123456789abcdef";
    public const string TmnCode = "TESTTMN1";

    static string Hex(string secret, string data) =>
        string.Concat(new HMACSHA512(Encoding.UTF8.GetBytes(secret)).ComputeHash(Encoding.UTF8.GetBytes(data))
            .Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));

    public static string Query(IDictionary<string, string> p, string? secret = null)
    {
        var data = string.Join("&", p.Where(kv => kv.Key.StartsWith("vnp_", StringComparison.Ordinal) && kv.Key != "vnp_SecureHash" && kv.Value.Length > 0)
            .OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => System.Net.WebUtility.UrlEncode(kv.Key) + "=" + System.Net.WebUtility.UrlEncode(kv.Value)));
        return data + "&vnp_SecureHash=" + Hex(secret ?? Secret, data);
    }
}
