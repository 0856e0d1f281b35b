using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PublicServices.Documents.Data;

namespace PublicServices.Documents.Domain.Attachments;

/// <summary>
/// Body of POST /api/documents/attachments, sent by the dossiers service when a dossier is submitted: the dossier's
/// procedure, and for each document the required document (thành phần hồ sơ) the dossier files it under.
/// </summary>
public sealed record AttachRequest(Guid DossierId, string? DossierCode, string? OwnerId, string? AgencyCode, IReadOnlyList<Guid>? DocumentIds,
    string? ProcedureCode = null, IReadOnlyDictionary<Guid, string>? Requirements = null);

/// <summary>Body of POST /api/documents/attachments/release: the dossier was never stored, so its uploads are free again.</summary>
public sealed record ReleaseRequest(Guid DossierId, string? OwnerId);

public abstract record AttachOutcome
{
    public sealed record Attached(IReadOnlyList<Document> Documents) : AttachOutcome;
    public sealed record Refused(AttachRefusal Reason, IReadOnlyList<Guid> DocumentIds) : AttachOutcome;
}

/// <summary>
/// Attaches documents to a dossier all at once or not at all. One conditional UPDATE claims every row that may be
/// attached (stored, the owner's, not expired, free or already on this dossier); if it touched fewer rows than asked,
/// the transaction is rolled back and the rows are read again to say why. Concurrent attaches of one document to two
/// dossiers serialise on the row lock, and the second one sees the first's dossier id and is refused.
/// </summary>
public sealed class DocumentAttacher(DocumentsDb db, TimeProvider time, IOptions<DocumentsOptions> options)
{
    /// <summary>
    /// Undoes an attach whose dossier was never stored (its submission failed afterwards): the owner's uploads become
    /// unattached again, with a fresh expiry, so the citizen can submit them once more. Idempotent. Only uploads first
    /// attached within <see cref="DocumentsOptions.ReleaseWindow"/>: this service cannot ask whether the dossier was
    /// stored, and a stored dossier's documents must never become sweepable.
    /// </summary>
    public Task<int> ReleaseAsync(ReleaseRequest request, CancellationToken cancel)
    {
        var now = time.GetUtcNow().UtcDateTime;
        DateTime? expires = now + options.Value.UnattachedTtl;
        var attachedSince = now - options.Value.ReleaseWindow;
        return db.Documents
            .Where(d => d.DossierId == request.DossierId && d.OwnerId == request.OwnerId && d.AttachedAt >= attachedSince)
            .ExecuteUpdateAsync(s => s
                .SetProperty(d => d.DossierId, (Guid?)null)
                .SetProperty(d => d.DossierCode, (string?)null)
                .SetProperty(d => d.AgencyCode, (string?)null)
                .SetProperty(d => d.ExpiresAt, expires), cancel);
    }

    public async Task<AttachOutcome> AttachAsync(AttachRequest request, CancellationToken cancel)
    {
        var ids = request.DocumentIds!.Distinct().ToList();
        var owner = request.OwnerId!;
        var dossierId = request.DossierId;
        var now = time.GetUtcNow().UtcDateTime;

        // An upload is bound to the procedure and requirement it was uploaded for (checked against their limits
        // then); these never change, so reading them before the update below leaves no race.
        var otherPurpose = await db.Documents.AsNoTracking()
            .Where(d => ids.Contains(d.Id) && d.OwnerId == owner)
            .Select(d => new { d.Id, d.ProcedureCode, d.RequirementCode })
            .ToListAsync(cancel);
        var mismatched = otherPurpose
            .Where(d => d.ProcedureCode != request.ProcedureCode || d.RequirementCode != request.Requirements!.GetValueOrDefault(d.Id))
            .Select(d => d.Id).ToList();
        if (mismatched.Count > 0)
            return new AttachOutcome.Refused(AttachRefusal.OtherPurpose, mismatched);

        await using (var transaction = await db.Database.BeginTransactionAsync(cancel))
        {
            var updated = await db.Documents
                .Where(d => ids.Contains(d.Id) && d.OwnerId == owner && d.Status == DocumentStatus.Stored
                    && (d.DossierId == dossierId || (d.DossierId == null && d.ExpiresAt > now)))
                .ExecuteUpdateAsync(s => s
                    .SetProperty(d => d.DossierId, dossierId)
                    .SetProperty(d => d.DossierCode, request.DossierCode)
                    .SetProperty(d => d.AgencyCode, request.AgencyCode)
                    .SetProperty(d => d.AttachedAt, d => d.DossierId == null ? now : d.AttachedAt)
                    .SetProperty(d => d.ExpiresAt, (DateTime?)null), cancel);
            if (updated == ids.Count)
                await transaction.CommitAsync(cancel);
            else
                await transaction.RollbackAsync(cancel);
        }

        var documents = await db.Documents.AsNoTracking().Where(d => ids.Contains(d.Id)).ToDictionaryAsync(d => d.Id, cancel);
        var refusals = ids
            .Select(id => (Id: id, Reason: AttachmentRules.Check(documents.GetValueOrDefault(id), owner, dossierId, now)))
            .Where(x => x.Reason != AttachRefusal.None)
            .ToList();
        if (refusals.Count == 0 && ids.All(id => documents.TryGetValue(id, out var d) && d.DossierId == dossierId))
            return new AttachOutcome.Attached(ids.Select(id => documents[id]).ToList());
        if (refusals.Count == 0)
            // The rows changed between the update and the re-read (a concurrent attach or sweep): let the caller retry.
            return new AttachOutcome.Refused(AttachRefusal.OtherDossier, ids);
        var worst = refusals.Min(x => x.Reason);
        return new AttachOutcome.Refused(worst, refusals.Where(x => x.Reason == worst).Select(x => x.Id).ToList());
    }
}
