using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PublicServices.ServiceDefaults.Audit;

/// <summary>
/// Seals new audit entries into the chain, oldest first, every <see cref="Interval"/>. Actions only insert their
/// entry (no lock on the action's path); one sealer at a time, across replicas, holds a transaction-scoped advisory
/// lock on PostgreSQL while it numbers and hashes the batch, so the chain has one order. An entry is open to an
/// undetected change only in the moment before it is sealed.
/// </summary>
public sealed class AuditSealer<TDb>(IServiceScopeFactory scopes, ILogger<AuditSealer<TDb>> logger) : BackgroundService where TDb : DbContext
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);
    const int BatchSize = 500;
    // Any fixed number: it names this lock among the database's advisory locks.
    const long LockKey = 0xA0D17;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await SealOnceAsync(stoppingToken) == BatchSize) continue;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Audit sealing round failed"); // the database may be starting; the next round tries again
            }
            try { await Task.Delay(Interval, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>One round: seals up to a batch of entries. Returns how many.</summary>
    public async Task<int> SealOnceAsync(CancellationToken cancel)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDb>();
        var log = db.Set<AuditEntry>();
        if (!await log.AnyAsync(e => e.Seq == null, cancel)) return 0;
        await using var transaction = await db.Database.BeginTransactionAsync(cancel);
        if (db.Database.IsNpgsql())
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockKey})", cancel);
        var head = await log.Where(e => e.Seq != null).OrderByDescending(e => e.Seq).Select(e => new { e.Seq, e.Hash }).FirstOrDefaultAsync(cancel);
        var batch = await log.Where(e => e.Seq == null).OrderBy(e => e.At).ThenBy(e => e.Id).Take(BatchSize).AsTracking().ToListAsync(cancel);
        var (seq, hash) = (head?.Seq ?? 0, head?.Hash);
        foreach (var entry in batch)
        {
            entry.Seq = ++seq;
            entry.PreviousHash = hash;
            entry.Hash = hash = AuditChain.HashOf(entry, seq, entry.PreviousHash);
        }
        await db.SaveChangesAsync(cancel);
        await transaction.CommitAsync(cancel);
        return batch.Count;
    }
}
