using Microsoft.EntityFrameworkCore;

namespace PublicServices.ServiceDefaults.Audit;

/// <summary>What a walk of the chain found.</summary>
/// <param name="Valid">Every sealed entry is in its place and unchanged.</param>
/// <param name="Entries">Sealed entries checked.</param>
/// <param name="HeadSeq">The last entry's place, and <paramref name="HeadHash"/> its hash: kept outside the database
/// (a report, a ticket), they show later whether entries were cut off the end, which a chain alone cannot.</param>
/// <param name="FirstBadSeq">The first entry that was changed or removed.</param>
/// <param name="Problem">"changed" or "removed".</param>
public sealed record AuditVerification(bool Valid, long Entries, long HeadSeq, string? HeadHash, long? FirstBadSeq, string? Problem);

public static class AuditVerifier
{
    const int PageSize = 2_000;

    /// <summary>Walks the sealed entries in order and reports the first one changed or removed.</summary>
    public static async Task<AuditVerification> VerifyAsync(DbContext db, CancellationToken cancel = default)
    {
        var log = db.Set<AuditEntry>().AsNoTracking();
        long expected = 1, checkedCount = 0;
        string? previous = null;
        while (true)
        {
            var from = expected;
            var page = await log.Where(e => e.Seq >= from).OrderBy(e => e.Seq).Take(PageSize).ToListAsync(cancel);
            foreach (var entry in page)
            {
                var seq = entry.Seq!.Value;
                if (seq != expected)
                    return Broken(expected, "removed");
                // A changed entry whose hash was recomputed to match shows in the next entry's link.
                if (entry.PreviousHash != previous)
                    return Broken(seq - 1, "changed");
                if (entry.Hash != AuditChain.HashOf(entry, seq, entry.PreviousHash))
                    return Broken(seq, "changed");
                previous = entry.Hash;
                expected++;
                checkedCount++;
            }
            if (page.Count < PageSize)
                return new AuditVerification(true, checkedCount, expected - 1, previous, null, null);
        }

        AuditVerification Broken(long seq, string problem) => new(false, checkedCount, expected - 1, previous, seq, problem);
    }
}
