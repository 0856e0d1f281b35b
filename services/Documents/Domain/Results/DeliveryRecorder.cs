using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PublicServices.Contracts.Dossiers;
using PublicServices.Contracts.Events;
using PublicServices.Documents.Data;
using PublicServices.ServiceDefaults.Messaging;

namespace PublicServices.Documents.Domain.Results;

/// <summary>
/// Records that the applicant has the result, once: their first download or the desk's postal dispatch. The row's
/// change is conditional (still not downloaded / dispatched), so of two racing requests one records and sends
/// ResultDelivered.v1, in the same transaction, and the other changes nothing.
/// </summary>
public sealed class DeliveryRecorder(DocumentsDb db, TimeProvider clock)
{
    /// <summary>True when this call recorded the download (the first one).</summary>
    public Task<bool> DownloadedAsync(ResultDocument result, CancellationToken cancel)
    {
        var now = clock.GetUtcNow();
        return RecordAsync(result, new ResultDeliveredV1(result.DossierId, result.Id, "downloaded", now, null), q => q.Where(r => r.DownloadedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.DownloadedAt, now.UtcDateTime), cancel), now, cancel);
    }

    /// <summary>True when this call recorded the dispatch; false when it had been recorded before.</summary>
    public Task<bool> DispatchedAsync(ResultDocument result, string trackingNumber, string officer, CancellationToken cancel)
    {
        var now = clock.GetUtcNow();
        return RecordAsync(result, new ResultDeliveredV1(result.DossierId, result.Id, ResultDelivery.Post, now, trackingNumber),
            q => q.Where(r => r.DispatchedAt == null).ExecuteUpdateAsync(u => u.SetProperty(r => r.DispatchedAt, now.UtcDateTime)
                .SetProperty(r => r.DispatchedBy, officer).SetProperty(r => r.TrackingNumber, trackingNumber), cancel), now, cancel);
    }

    async Task<bool> RecordAsync(ResultDocument result, ResultDeliveredV1 delivered, Func<IQueryable<ResultDocument>, Task<int>> change,
        DateTimeOffset now, CancellationToken cancel)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancel);
        if (await change(db.Results.Where(r => r.Id == result.Id)) == 0)
            return false;
        db.Outbox.Add(new OutboxMessage
        {
            Id = Guid.CreateVersion7(now),
            Type = ResultDeliveredV1.Type,
            Payload = JsonSerializer.Serialize(delivered, EventEnvelope.JsonOptions),
            OccurredAt = now,
        });
        await db.SaveChangesAsync(cancel);
        await transaction.CommitAsync(cancel);
        return true;
    }
}
