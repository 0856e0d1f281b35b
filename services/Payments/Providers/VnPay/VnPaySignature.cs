using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace PublicServices.Payments.Providers.VnPay;

/// <summary>
/// VNPay 2.1.0 signatures (docs: ARCHITECTURE.md, Payments). Query strings: every <c>vnp_</c> parameter but the hash
/// itself, empty values left out (VNPay's own .NET library never signs or sends them, nor does infra/PaymentSandbox),
/// sorted by name (ordinal), key and value form-URL-encoded (space as '+', upper-case %XX, as <see cref="WebUtility.UrlEncode"/>),
/// joined <c>k=v&amp;…</c>, HMAC-SHA512 in lower-case hex. The merchant API signs its fields joined with '|' in a fixed order.
/// </summary>
public static class VnPaySignature
{
    public const string HashField = "vnp_SecureHash";
    public const string HashTypeField = "vnp_SecureHashType";

    /// <summary>The text that is signed (and, for a pay URL, sent): the signed parameters, sorted and encoded.</summary>
    public static string Canonical(IEnumerable<KeyValuePair<string, string>> parameters) =>
        string.Join('&', parameters
            .Where(p => p.Key.StartsWith("vnp_", StringComparison.Ordinal) && p.Key is not (HashField or HashTypeField) && !string.IsNullOrEmpty(p.Value))
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => WebUtility.UrlEncode(p.Key) + "=" + WebUtility.UrlEncode(p.Value)));

    public static string Hmac(string secret, string data)
    {
        var mac = HMACSHA512.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(data));
        return Convert.ToHexStringLower(mac);
    }

    /// <summary>The query string to send: the encoded parameters with their signature appended.</summary>
    public static string SignedQuery(string secret, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var canonical = Canonical(parameters);
        return canonical + "&" + HashField + "=" + Hmac(secret, canonical);
    }

    /// <summary>Whether the parameters carry a signature made with <paramref name="secret"/> (constant-time comparison).</summary>
    public static bool Verify(string secret, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var list = parameters.ToList();
        var given = list.FirstOrDefault(p => p.Key == HashField).Value;
        return given is not null && Equal(given, Hmac(secret, Canonical(list)));
    }

    /// <summary>The merchant API's signature: the values joined with '|' in the layout's order (absent ones empty).</summary>
    public static string Piped(string secret, params IEnumerable<string?> values) => Hmac(secret, string.Join('|', values.Select(v => v ?? "")));

    /// <summary>Compares two hex signatures in constant time, whatever their letter case.</summary>
    public static bool Equal(string given, string expected)
    {
        var a = Encoding.ASCII.GetBytes(given.ToLowerInvariant());
        var b = Encoding.ASCII.GetBytes(expected.ToLowerInvariant());
        return CryptographicOperations.FixedTimeEquals(a, b);
    }

    /// <summary>VNPay's dates: yyyyMMddHHmmss in Vietnam time (GMT+7).</summary>
    public static string Date(DateTimeOffset at) => at.ToOffset(VietnamOffset).ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);

    public static DateTimeOffset? ParseDate(string? text) =>
        DateTime.TryParseExact(text, "yyyyMMddHHmmss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? new DateTimeOffset(local, VietnamOffset) : null;

    public static readonly TimeSpan VietnamOffset = TimeSpan.FromHours(7);
}
