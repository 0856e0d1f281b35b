using Microsoft.EntityFrameworkCore;

namespace PublicServices.ServiceDefaults.Messaging;

public enum InboxOutcome
{
    /// <summary>The effect ran and the event id was recorded with it.</summary>
    Applied,
    /// <summary>The id was handled before (or by a concurrent delivery): nothing changed.</summary>
    Duplicate,
    /// <summary>The effect declined the event (it returned false): nothing was written, a redelivery may succeed.</summary>
    Rejected,
}

/// <summary>The consumer side of the events contract: each event id takes effect at most once.</summary>
public static class Inbox
{
    /// <summary>
    /// Runs <paramref name="effect"/> and records the event id in the inbox in ONE transaction. A known id skips the
    /// effect; two deliveries racing with the same id both run it, but only one commits (the inbox key), the other
    /// is rolled back and reported as a duplicate. The effect returns false to decline the event without recording it.
    /// </summary>
    public static async Task<InboxOutcome> HandleOnceAsync<TDb>(this TDb db, EventEnvelope envelope,
        Func<CancellationToken, Task<bool>> effect, DateTimeOffset now, CancellationToken cancel) where TDb : DbContext
    {
        var inbox = db.Set<InboxRecord>();
        if (await inbox.AnyAsync(r => r.EventId == envelope.Id, cancel))
            return InboxOutcome.Duplicate;
        await using var transaction = await db.Database.BeginTransactionAsync(cancel);
        if (!await effect(cancel))
        {
            db.ChangeTracker.Clear();
            return InboxOutcome.Rejected;
        }
        inbox.Add(new InboxRecord { EventId = envelope.Id, Type = envelope.Type!, ProcessedAt = now });
        try
        {
            await db.SaveChangesAsync(cancel);
            await transaction.CommitAsync(cancel);
            return InboxOutcome.Applied;
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            await transaction.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            return InboxOutcome.Duplicate;
        }
    }

    /// <summary>
    /// Records a handled event id on its own, for consumers whose effect is idempotent by itself (so a crash between
    /// the effect and this record changes nothing on redelivery). A concurrent record of the same id is not an error.
    /// One statement, without the change tracker: it runs for every event.
    /// </summary>
    public static Task RecordAsync<TDb>(this TDb db, EventEnvelope envelope, DateTimeOffset now, CancellationToken cancel) where TDb : DbContext =>
        db.Database.ExecuteSqlAsync($"""
            INSERT INTO inbox_records (event_id, type, processed_at) VALUES ({envelope.Id}, {envelope.Type}, {now.UtcDateTime})
            ON CONFLICT (event_id) DO NOTHING
            """, cancel);
}
