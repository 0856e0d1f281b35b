using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace PublicServices.PaymentSandbox.Protocol;

/// <summary>
/// VNPay 2.1.0 signatures: HMAC-SHA512 with the merchant's hash secret, lower-case hex. Query parameters (pay URL,
/// IPN, return) are signed over their canonical query; the JSON API over its fields joined with '|'.
/// </summary>
public static class VnpSignature
{
    public const string HashField = "vnp_SecureHash";
    public const string HashTypeField = "vnp_SecureHashType";

    /// <summary>
    /// The signed data of query parameters: every non-empty vnp_ parameter but the hash fields, sorted by name
    /// (ordinal), name and value encoded as WebUtility.UrlEncode does (space as '+', upper-case %XX of UTF-8, as
    /// VNPay's own .NET library), joined k=v with '&amp;'. Empty values are left out, as that library does.
    /// </summary>
    public static string QueryData(IEnumerable<KeyValuePair<string, string>> parameters) =>
        string.Join('&', parameters
            .Where(p => p.Key.StartsWith("vnp_", StringComparison.Ordinal) && p.Key is not HashField and not HashTypeField
                && !string.IsNullOrEmpty(p.Value))
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => WebUtility.UrlEncode(p.Key) + "=" + WebUtility.UrlEncode(p.Value)));

    /// <summary>The canonical query with its signature appended: what the sandbox sends to the IPN and return URLs.</summary>
    public static string SignedQuery(string secret, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var data = QueryData(parameters);
        return $"{data}&{HashField}={Sign(secret, data)}";
    }

    /// <summary>An address with a query appended, after its own query if it has one.</summary>
    public static string WithQuery(string url, string query) => url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + query;

    /// <summary>The JSON API's signed data: the values in the layout's order, joined with '|' (not encoded).</summary>
    public static string PipeData(IEnumerable<string> values) => string.Join('|', values);

    public static string Sign(string secret, string data) =>
        Convert.ToHexStringLower(HMACSHA512.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(data)));

    /// <summary>Whether a received hash signs the data: hex of either case, compared in constant time.</summary>
    public static bool Verify(string secret, string data, string? received)
    {
        if (string.IsNullOrEmpty(received) || received.Length != 128) return false;
        byte[] given;
        try { given = Convert.FromHexString(received); }
        catch (FormatException) { return false; }
        var expected = HMACSHA512.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(data));
        return CryptographicOperations.FixedTimeEquals(given, expected);
    }
}
