using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PublicServices.PaymentSandbox.Tests;

/// <summary>
/// The VNPay 2.1.0 signature, written here again from the protocol's text and not from the sandbox's code, so that a
/// mistake in one is caught by the other: the URL encoding is spelled out byte by byte rather than borrowed.
/// </summary>
static class Vnp
{
    public static readonly TimeSpan Gmt7 = TimeSpan.FromHours(7);

    public static string Date(DateTimeOffset instant) => instant.ToOffset(Gmt7).ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);

    public static string Hmac(string secret, string data) =>
        Convert.ToHexString(HMACSHA512.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(data))).ToLowerInvariant();

    /// <summary>Form encoding: letters, digits and - _ . ! * ( ) as they are, space as '+', every other UTF-8 byte as %XX.</summary>
    public static string Encode(string text)
    {
        var encoded = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            var c = (char)b;
            if (c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '-' or '_' or '.' or '!' or '*' or '(' or ')') encoded.Append(c);
            else if (c == ' ') encoded.Append('+');
            else encoded.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }
        return encoded.ToString();
    }

    /// <summary>The signed data of query parameters: non-empty vnp_ parameters but the hash, sorted by name, encoded, joined.</summary>
    public static string QueryData(IEnumerable<KeyValuePair<string, string>> parameters) =>
        string.Join("&", parameters
            .Where(p => p.Key.StartsWith("vnp_", StringComparison.Ordinal) && p.Key != "vnp_SecureHash" && p.Key != "vnp_SecureHashType" && p.Value.Length > 0)
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => Encode(p.Key) + "=" + Encode(p.Value)));

    /// <summary>Whether received query parameters carry a right vnp_SecureHash for the secret.</summary>
    public static bool IsSigned(IReadOnlyDictionary<string, string> parameters, string secret) =>
        parameters.TryGetValue("vnp_SecureHash", out var hash) && hash == Hmac(secret, QueryData(parameters));

    /// <summary>The JSON API's signed data: the values of the layout's fields joined with '|'.</summary>
    public static string PipeData(IReadOnlyDictionary<string, string> fields, IEnumerable<string> layout) =>
        string.Join("|", layout.Select(f => fields.TryGetValue(f, out var v) ? v : ""));
}
