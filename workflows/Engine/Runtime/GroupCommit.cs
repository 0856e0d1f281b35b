using System.Collections.Concurrent;

namespace PublicServices.WorkflowEngine.Runtime;

/// <summary>
/// Group commit: requests made at the same time in this process share a database transaction. They queue, and at
/// most <paramref name="drainers"/> loops take them by batches of up to <paramref name="batchSize"/> (a request that
/// arrives alone goes at once, in a batch of one). Each caller gets its own request's result. A request the batch
/// leaves unsettled (null), and every request of a batch that fails as a whole (a lock timeout, a broken connection),
/// then runs <paramref name="alone"/>, so each gets its own outcome or error. Off (<paramref name="enabled"/> false:
/// the store cannot share transactions), every request runs alone at once. A batch serves several callers, so no
/// caller's token cancels it. Nothing is shared beyond this process: the queue only holds callers who are waiting.
/// </summary>
internal sealed class GroupCommit<TRequest, TResult>(bool enabled, int batchSize, int drainers,
    Func<IReadOnlyList<TRequest>, CancellationToken, Task<IReadOnlyList<TResult?>>> batch, Func<TRequest, CancellationToken, Task<TResult>> alone)
    where TResult : class
{
    sealed record Queued(TRequest Request, TaskCompletionSource<TResult> Done);

    readonly ConcurrentQueue<Queued> queue = new();
    int running;

    public Task<TResult> RunAsync(TRequest request, CancellationToken ct)
    {
        if (!enabled) return alone(request, ct);
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
            IReadOnlyList<TResult?> results;
            try
            {
                results = await batch([.. taken.Select(t => t.Request)], CancellationToken.None);
            }
            catch (Exception)
            {
                results = new TResult?[taken.Count];
            }
            for (var i = 0; i < taken.Count; i++)
            {
                try
                {
                    taken[i].Done.TrySetResult(results[i] ?? await alone(taken[i].Request, CancellationToken.None));
                }
                catch (Exception e)
                {
                    taken[i].Done.TrySetException(e);
                }
            }
        }
    }
}
