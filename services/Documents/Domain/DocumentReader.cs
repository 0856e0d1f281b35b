using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PublicServices.Documents.Data;

namespace PublicServices.Documents.Domain;

/// <summary>
/// Reads documents as the API shows them: only completely stored ones that have not expired, and to a user only those
/// <see cref="DocumentAccess"/> lets them read.
/// </summary>
public sealed class DocumentReader(DocumentsDb db, TimeProvider time)
{
    const int MaxListed = 500;

    /// <summary>The owner's documents, newest first; <paramref name="unattachedOnly"/> keeps those not yet in a dossier.</summary>
    public Task<List<Document>> ListOwnAsync(string? owner, bool unattachedOnly, CancellationToken cancel)
    {
        var query = Visible().Where(d => d.OwnerId == owner);
        if (unattachedOnly)
            query = query.Where(d => d.DossierId == null);
        return query.OrderByDescending(d => d.CreatedAt).Take(MaxListed).ToListAsync(cancel);
    }

    /// <summary>The document, when it is visible and the user may read it; null otherwise, whichever the reason.</summary>
    public async Task<Document?> FindReadableAsync(Guid id, ClaimsPrincipal user, CancellationToken cancel) =>
        await FindVisibleAsync(id, cancel) is { } document && DocumentAccess.CanRead(user, document) ? document : null;

    /// <summary>The document, when it is visible, whoever asks (for a signed link, which carries its own right).</summary>
    public Task<Document?> FindVisibleAsync(Guid id, CancellationToken cancel) =>
        Visible().FirstOrDefaultAsync(d => d.Id == id, cancel);

    /// <summary>Completely stored documents that have not expired.</summary>
    IQueryable<Document> Visible()
    {
        var now = time.GetUtcNow().UtcDateTime;
        return db.Documents.AsNoTracking()
            .Where(d => d.Status == DocumentStatus.Stored && (d.ExpiresAt == null || d.ExpiresAt > now));
    }
}
