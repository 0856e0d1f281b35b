using System.Collections.Concurrent;
using PublicServices.WorkflowEngine.Runtime;

namespace PublicServices.WorkflowEngine.Tests.Runtime;

/// <summary>The group-commit queue on its own: who runs in a batch, who runs alone, and that nobody runs twice.</summary>
public class GroupCommitTests
{
    sealed record Answer(string Request, string How);

    [Fact]
    public async Task A_request_the_batch_leaves_unsettled_runs_alone_and_an_error_alone_stays_with_its_caller()
    {
        var batches = new ConcurrentQueue<string[]>();
        var alone = new ConcurrentQueue<string>();
        var first = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var group = new GroupCommit<string, Answer>(enabled: true, batchSize: 10, drainers: 1,
            async (requests, _) =>
            {
                // The first batch waits until the others have queued behind it, so they form the second batch.
                if (batches.IsEmpty) { batches.Enqueue([.. requests]); await first.Task; }
                else batches.Enqueue([.. requests]);
                return [.. requests.Select(r => r.StartsWith("ok", StringComparison.Ordinal) ? new Answer(r, "batch") : null)];
            },
            (request, _) =>
            {
                alone.Enqueue(request);
                return request == "bad" ? throw new InvalidOperationException("bad alone") : Task.FromResult(new Answer(request, "alone"));
            });

        var opener = group.RunAsync("ok-0", CancellationToken.None);
        while (batches.IsEmpty) await Task.Delay(1);
        var calls = new[] { "ok-1", "later", "bad", "ok-2" }.Select(r => group.RunAsync(r, CancellationToken.None)).ToList();
        first.SetResult();

        Assert.Equal("batch", (await opener).How);
        Assert.Equal(new Answer("ok-1", "batch"), await calls[0]);
        Assert.Equal(new Answer("later", "alone"), await calls[1]);
        Assert.Equal("bad alone", (await Assert.ThrowsAsync<InvalidOperationException>(() => calls[2])).Message);
        Assert.Equal(new Answer("ok-2", "batch"), await calls[3]);
        Assert.Equal([["ok-0"], ["ok-1", "later", "bad", "ok-2"]], batches.ToArray());
        Assert.Equal(["later", "bad"], alone.ToArray()); // each unsettled request once; the failure did not send the others alone
    }

    [Fact]
    public async Task When_the_batch_fails_as_a_whole_each_request_runs_alone_once()
    {
        var alone = new ConcurrentQueue<string>();
        var group = new GroupCommit<string, Answer>(enabled: true, batchSize: 10, drainers: 1,
            (requests, _) => throw new TimeoutException("lock timeout"),
            (request, _) =>
            {
                alone.Enqueue(request);
                return Task.FromResult(new Answer(request, "alone"));
            });

        var answers = await Task.WhenAll(new[] { "a", "b", "c" }.Select(r => group.RunAsync(r, CancellationToken.None)));

        Assert.All(answers, a => Assert.Equal("alone", a.How));
        Assert.Equal(["a", "b", "c"], alone.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Switched_off_every_request_runs_alone_at_once_with_its_callers_token()
    {
        using var cancel = new CancellationTokenSource();
        CancellationToken seen = default;
        var group = new GroupCommit<string, Answer>(enabled: false, batchSize: 10, drainers: 1,
            (requests, _) => throw new InvalidOperationException("no batch when switched off"),
            (request, ct) =>
            {
                seen = ct;
                return Task.FromResult(new Answer(request, "alone"));
            });

        Assert.Equal(new Answer("x", "alone"), await group.RunAsync("x", cancel.Token));
        Assert.Equal(cancel.Token, seen);
    }
}
