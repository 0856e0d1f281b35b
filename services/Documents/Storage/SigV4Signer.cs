using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace PublicServices.Documents.Storage;

/// <summary>
/// AWS Signature Version 4 in the Authorization header, for the S3 calls made without the Minio SDK (see
/// <see cref="S3MultipartUploader"/>). It signs every header the request carries (Content-Length included, computed
/// first), after adding Host, x-amz-date and x-amz-content-sha256, so the signed headers are exactly those sent.
/// </summary>
public sealed class SigV4Signer(string accessKey, string secretKey, string region, string service = "s3")
{
    /// <summary>The payload hash for a body that is not hashed (part bodies: hashing them again would cost CPU).</summary>
    public const string UnsignedPayload = "UNSIGNED-PAYLOAD";

    public static string PayloadHash(ReadOnlySpan<byte> body) => Convert.ToHexStringLower(SHA256.HashData(body));

    public void Sign(HttpRequestMessage request, string payloadHash, DateTimeOffset now)
    {
        var uri = request.RequestUri ?? throw new ArgumentException("The request has no URI", nameof(request));
        var time = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var scope = $"{time[..8]}/{region}/{service}/aws4_request";

        request.Headers.Authorization = null;
        request.Headers.Host = uri.Authority;
        request.Headers.Remove("x-amz-date");
        request.Headers.Remove("x-amz-content-sha256");
        request.Headers.TryAddWithoutValidation("x-amz-date", time);
        request.Headers.TryAddWithoutValidation("x-amz-content-sha256", payloadHash);
        _ = request.Content?.Headers.ContentLength; // computed lazily otherwise, and then sent unsigned

        var headers = request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
            .Select(h => (Name: h.Key.ToLowerInvariant(), Value: string.Join(',', h.Value.Select(CanonicalValue))))
            .OrderBy(h => h.Name, StringComparer.Ordinal)
            .ToList();
        var signedHeaders = string.Join(';', headers.Select(h => h.Name));
        var canonicalRequest = string.Join('\n',
            request.Method.Method,
            CanonicalPath(uri),
            CanonicalQuery(uri),
            string.Concat(headers.Select(h => $"{h.Name}:{h.Value}\n")),
            signedHeaders,
            payloadHash);
        var stringToSign = string.Join('\n', "AWS4-HMAC-SHA256", time, scope, PayloadHash(Encoding.UTF8.GetBytes(canonicalRequest)));

        var key = Encoding.UTF8.GetBytes("AWS4" + secretKey);
        foreach (var part in new[] { time[..8], region, service, "aws4_request" })
            key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(part));
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));

        request.Headers.Authorization = new AuthenticationHeaderValue("AWS4-HMAC-SHA256",
            $"Credential={accessKey}/{scope},SignedHeaders={signedHeaders},Signature={signature}");
    }

    /// <summary>Each path segment URI-encoded once (S3 does not double-encode).</summary>
    static string CanonicalPath(Uri uri) =>
        string.Join('/', uri.AbsolutePath.Split('/').Select(s => UriEncode(Uri.UnescapeDataString(s))));

    /// <summary>Names and values encoded, sorted by name; a bare name ("?uploads") gets an empty value.</summary>
    static string CanonicalQuery(Uri uri) => string.Join('&', uri.Query.TrimStart('?')
        .Split('&', StringSplitOptions.RemoveEmptyEntries)
        .Select(p => p.Split('=', 2))
        .Select(p => (Name: UriEncode(Uri.UnescapeDataString(p[0])), Value: UriEncode(p.Length > 1 ? Uri.UnescapeDataString(p[1]) : "")))
        .OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal)
        .Select(p => $"{p.Name}={p.Value}"));

    static string CanonicalValue(string value) => string.Join(' ', value.Split(' ', StringSplitOptions.RemoveEmptyEntries));

    /// <summary>RFC 3986 unreserved characters stay, every other UTF-8 byte becomes %XX (upper-case hex).</summary>
    static string UriEncode(string value)
    {
        var text = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            if (char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~')
                text.Append((char)b);
            else
                text.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }
        return text.ToString();
    }
}
