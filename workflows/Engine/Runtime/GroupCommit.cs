using System.Collections.Concurrent;

namespace PublicServices.WorkflowEngine.Runtime;

/// <summary>
/// Group commit: requests made at the same time in this process share a database transaction. They queue, and at
/// most <paramref name="drainers"/> loops take them by batches of up to <paramref name="batchSize"/> (a request that
/// arrives alone goes at once, in a batch of one). Each caller gets its own request's result. When a batch fails as a
/// whole (a lock timeout, a broken connection), every request in it runs <paramref name="alone"/>, so each gets its
/// own outcome or error. Nothing is shared beyond this process: the queue only holds callers who are waiting.
/// </summary>
internal sealed class GroupCommit<TRequest, TResult>(int batchSize, int drainers,
    Func<IReadOnlyList<TRequest>, Task<IReadOnlyList<TResult>>> batch, Func<TRequest, Task<TResult>> alone)
{
    sealed record Queued(TRequest Request, TaskCompletionSource<TResult> Done);

    readonly ConcurrentQueue<Queued> queue = new();
    int running;

    public Task<TResult> RunAsync(TRequest request, CancellationToken ct)
    {
        var item = new Queued(request, new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously));
        queue.Enqueue(item);
        StartDrainer();
        return item.Done.Task.WaitAsync(ct);
    }

    void StartDrainer()
    {
        while (true)
        {
            var now = Volatile.Read(ref running);
            if (now >= drainers) return;
            if (Interlocked.CompareExchange(ref running, now + 1, now) != now) continue;
            _ = Task.Run(DrainAsync);
            return;
        }
    }

    async Task DrainAsync()
    {
        while (true)
        {
            var taken = new List<Queued>();
            while (taken.Count < batchSize && queue.TryDequeue(out var queued)) taken.Add(queued);
            if (taken.Count == 0)
            {
                Interlocked.Decrement(ref running);
                // A request queued while this loop was stopping may have found every drainer busy: start one for it.
                if (!queue.IsEmpty) StartDrainer();
                return;
            }
            try
            {
                var results = await batch([.. taken.Select(t => t.Request)]);
                for (var i = 0; i < taken.Count; i++) taken[i].Done.TrySetResult(results[i]);
            }
            catch (Exception)
            {
                foreach (var t in taken)
                {
                    try
                    {
                        t.Done.TrySetResult(await alone(t.Request));
                    }
                    catch (Exception e)
                    {
                        t.Done.TrySetException(e);
                    }
                }
            }
        }
    }
}
