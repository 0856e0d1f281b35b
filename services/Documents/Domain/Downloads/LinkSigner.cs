using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace PublicServices.Documents.Domain.Downloads;

/// <summary>
/// Short-lived download links for the Local adapter: HMAC-SHA256 over the document id and the expiry, with the key
/// from configuration (Documents:LinkSigningKey), so any replica can check a link another one issued.
/// </summary>
public sealed class LinkSigner(IOptions<DocumentsOptions> options)
{
    byte[] Key => Encoding.UTF8.GetBytes(options.Value.LinkSigningKey);

    public string Sign(Guid documentId, long expiresUnixSeconds) =>
        WebEncoders.Base64UrlEncode(HMACSHA256.HashData(Key, Payload(documentId, expiresUnixSeconds)));

    public bool IsValid(Guid documentId, long expiresUnixSeconds, string? signature, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(signature) || now.ToUnixTimeSeconds() > expiresUnixSeconds)
            return false;
        byte[] given;
        try { given = WebEncoders.Base64UrlDecode(signature); }
        catch (FormatException) { return false; }
        return CryptographicOperations.FixedTimeEquals(given, HMACSHA256.HashData(Key, Payload(documentId, expiresUnixSeconds)));
    }

    static byte[] Payload(Guid documentId, long expires) =>
        Encoding.ASCII.GetBytes($"document-link\n{documentId:N}\n{expires}");
}
