namespace PublicServices.WorkflowEngine.Stores;

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
