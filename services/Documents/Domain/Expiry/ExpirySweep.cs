using Microsoft.EntityFrameworkCore;
using PublicServices.Documents.Data;
using PublicServices.Documents.Storage;

namespace PublicServices.Documents.Domain.Expiry;

/// <summary>
/// Deletes unattached documents past their expiry, and uploads abandoned while Pending: object first, then row.
/// Safe with several replicas sweeping at once: rows are first claimed with one conditional UPDATE (→ Deleting),
/// which also shuts out a concurrent attach; after that both replicas may delete the same object and row, and a
/// second delete of either is harmless. A sweep that dies halfway leaves Deleting rows the next one finishes.
/// </summary>
public sealed class ExpirySweep(DocumentsDb db, IObjectStore store, TimeProvider time, ILogger<ExpirySweep> log)
{
    const int BatchSize = 100;

    public async Task<int> SweepAsync(CancellationToken cancel)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await db.Documents
            .Where(d => d.Status != DocumentStatus.Deleting && d.DossierId == null && d.ExpiresAt <= now)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DocumentStatus.Deleting), cancel);

        var deleted = 0;
        var failed = new List<Guid>();
        while (true)
        {
            var batch = await db.Documents.AsNoTracking()
                .Where(d => d.Status == DocumentStatus.Deleting && !failed.Contains(d.Id))
                .OrderBy(d => d.Id).Take(BatchSize)
                .Select(d => new { d.Id, d.StorageKey })
                .ToListAsync(cancel);
            if (batch.Count == 0)
                return deleted;
            foreach (var item in batch)
            {
                try
                {
                    await store.DeleteAsync(item.StorageKey, cancel);
                    deleted += await db.Documents.Where(d => d.Id == item.Id && d.Status == DocumentStatus.Deleting).ExecuteDeleteAsync(cancel);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    failed.Add(item.Id);
                    log.LogWarning(e, "Could not delete expired document {DocumentId}; the next sweep retries", item.Id);
                }
            }
        }
    }
}
