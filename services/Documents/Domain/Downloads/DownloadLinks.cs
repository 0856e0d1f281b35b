using Microsoft.Extensions.Options;
using PublicServices.Documents.Data;
using PublicServices.Documents.Storage;

namespace PublicServices.Documents.Domain.Downloads;

/// <summary>A URL that downloads a document without a token until <see cref="ExpiresAt"/>.</summary>
public sealed record DocumentLink(string Url, DateTime ExpiresAt);

/// <summary>
/// Short-lived download links (for a browser tab or a viewer): presigned by S3 itself, or, for local storage, signed by
/// this service (<see cref="LinkSigner"/>) and served by GET /api/documents/{id}/signed.
/// </summary>
public sealed class DownloadLinks(IObjectStore store, LinkSigner signer, IOptions<DocumentsOptions> options, TimeProvider time)
{
    /// <param name="requestBaseUrl">The request's own scheme, host and path base, used when Documents:PublicBaseUrl is not set.</param>
    public async Task<DocumentLink> CreateAsync(Document document, string requestBaseUrl, CancellationToken cancel)
    {
        var lifetime = options.Value.LinkLifetime;
        var expires = DateTimeOffset.FromUnixTimeSeconds((time.GetUtcNow() + lifetime).ToUnixTimeSeconds());
        if (await store.PresignGetAsync(document.StorageKey, lifetime, cancel) is { } presigned)
            return new DocumentLink(presigned.ToString(), expires.UtcDateTime);
        var exp = expires.ToUnixTimeSeconds();
        var baseUrl = options.Value.PublicBaseUrl is { Length: > 0 } configured ? configured.TrimEnd('/') : requestBaseUrl;
        var url = $"{baseUrl}/api/documents/{document.Id}/signed?exp={exp}&sig={signer.Sign(document.Id, exp)}";
        return new DocumentLink(url, expires.UtcDateTime);
    }
}
