using Medallion.Threading.Postgres;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;

namespace PublicServices.Workflows.Runtime;

/// <summary>
/// The per-instance lock a burst holds for its whole transaction. PostgreSQL: a transaction-scoped advisory lock
/// (DistributedLock.Postgres), shared by every replica and released by commit or rollback. SQLite (the embedded,
/// single-process mode): an in-process lock per key, taken before the transaction so that no writer waits on it
/// while holding SQLite's database-wide write lock.
/// </summary>
internal sealed class InstanceLocks(IOptions<WorkflowRuntimeOptions> options)
{
    readonly KeyedLock local = new();

    public static string InstanceKey(Guid instanceId) => "wf-instance:" + instanceId.ToString("N");

    /// <summary>True when bursts on this database run as <see cref="PgBurst"/>: the lock is taken in their opening batch.</summary>
    public bool LocksInBatch(DbContext db) => options.Value.BatchInstanceLock && db.Database.IsNpgsql();

    /// <summary>
    /// Begins a transaction holding the lock on <paramref name="key"/>; on PostgreSQL the advisory lock's key is
    /// <paramref name="advisoryKey"/> when given (an instance's: <see cref="PgBurst.LockKey"/>), else a hash of the name.
    /// </summary>
    public async Task<LockedTransaction> BeginAsync(DbContext db, string key, CancellationToken ct, long? advisoryKey = null)
    {
        var timeout = options.Value.LockTimeout;
        if (db.Database.IsNpgsql())
        {
            var tx = await db.Database.BeginTransactionAsync(ct);
            try
            {
                var lockKey = advisoryKey is { } k ? new PostgresAdvisoryLockKey(k) : new PostgresAdvisoryLockKey(key, allowHashing: true);
                await PostgresDistributedLock.AcquireWithTransactionAsync(lockKey, tx.GetDbTransaction(), timeout, ct);
            }
            catch
            {
                await tx.DisposeAsync();
                throw;
            }
            return new LockedTransaction(tx, null);
        }
        var release = await local.AcquireAsync(key, timeout, ct);
        try
        {
            return new LockedTransaction(await db.Database.BeginTransactionAsync(ct), release);
        }
        catch
        {
            release.Dispose();
            throw;
        }
    }
}

/// <summary>A transaction holding an instance lock; disposing without commit rolls back and releases.</summary>
internal sealed class LockedTransaction(IDbContextTransaction transaction, IDisposable? localLock) : IAsyncDisposable
{
    public Task CommitAsync(CancellationToken ct) => transaction.CommitAsync(ct);

    public async ValueTask DisposeAsync()
    {
        await transaction.DisposeAsync();
        localLock?.Dispose();
    }
}

/// <summary>Async mutual exclusion per string key, for one process.</summary>
internal sealed class KeyedLock
{
    readonly Dictionary<string, Entry> entries = new(StringComparer.Ordinal);

    public async Task<IDisposable> AcquireAsync(string key, TimeSpan timeout, CancellationToken ct)
    {
        Entry entry;
        lock (entries)
        {
            if (!entries.TryGetValue(key, out entry!)) entries[key] = entry = new Entry();
            entry.Users++;
        }
        bool entered;
        try
        {
            entered = await entry.Gate.WaitAsync(timeout, ct);
        }
        catch
        {
            Leave(key, entry);
            throw;
        }
        if (!entered)
        {
            Leave(key, entry);
            throw new TimeoutException($"The lock '{key}' was not acquired within {timeout}.");
        }
        return new Releaser(this, key, entry);
    }

    void Leave(string key, Entry entry)
    {
        lock (entries)
            if (--entry.Users == 0) entries.Remove(key);
    }

    sealed class Entry
    {
        public readonly SemaphoreSlim Gate = new(1, 1);
        public int Users;
    }

    sealed class Releaser(KeyedLock owner, string key, Entry entry) : IDisposable
    {
        int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 1) return;
            entry.Gate.Release();
            owner.Leave(key, entry);
        }
    }
}
