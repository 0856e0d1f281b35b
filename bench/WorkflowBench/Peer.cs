using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WorkflowCore.Interface;
using WorkflowCore.Models;
using WorkflowCore.Models.LifeCycleEvents;

namespace PublicServices.Bench.Workflow;

/// <summary>The peer's workflow data: the three values the steps set, and the key its event wait listens on.</summary>
public sealed class PeerData
{
    public int X { get; set; }
    public int Y { get; set; }
    public int Z { get; set; }
    public string Key { get; set; } = "";
}

/// <summary>WorkflowCore's equivalent of <see cref="Definitions.ThreeSteps"/>: three steps that set a value and go on.</summary>
public sealed class PeerThreeSteps : IWorkflow<PeerData>
{
    public string Id => "three-steps";
    public int Version => 1;

    public void Build(IWorkflowBuilder<PeerData> builder) => builder
        .StartWith(c => Set(c, d => d.X = 1))
        .Then(c => Set(c, d => d.Y = 2))
        .Then(c => Set(c, d => d.Z = 3));

    internal static ExecutionResult Set(IStepExecutionContext context, Action<PeerData> set)
    {
        set((PeerData)context.Workflow.Data);
        return ExecutionResult.Next();
    }
}

/// <summary>WorkflowCore's equivalent of <see cref="Definitions.WaitEvent"/>: a step, WaitFor("Go", key), a step.</summary>
public sealed class PeerWaitEvent : IWorkflow<PeerData>
{
    public string Id => "wait-event";
    public int Version => 1;

    public void Build(IWorkflowBuilder<PeerData> builder) => builder
        .StartWith(c => PeerThreeSteps.Set(c, d => d.X = 1))
        .WaitFor(Definitions.GoEvent, d => d.Key)
        .Then(c => PeerThreeSteps.Set(c, d => d.Z = 3));
}

/// <summary>
/// A WorkflowCore host with its defaults (in-memory persistence, single-node queue and locks, its own worker
/// threads). A workflow counts as done when WorkflowCore publishes its WorkflowCompleted life-cycle event, matched by
/// the reference given at start. Each measurement gets a fresh host: the in-memory store keeps every instance in a
/// list it scans, so a host that has run many workflows gets slower.
/// </summary>
public sealed class PeerHost : IAsyncDisposable
{
    readonly ServiceProvider provider;
    readonly IWorkflowHost host;
    readonly ConcurrentDictionary<string, TaskCompletionSource> completions = new(StringComparer.Ordinal);

    PeerHost(ServiceProvider provider, IWorkflowHost host)
    {
        this.provider = provider;
        this.host = host;
        host.OnLifeCycleEvent += e =>
        {
            if (e is not WorkflowCompleted) return;
            if (e.Reference is { } reference && completions.TryRemove(reference, out var done)) done.TrySetResult();
        };
    }

    public static async Task<PeerHost> StartAsync()
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddWorkflow();
        var provider = services.BuildServiceProvider();
        var host = provider.GetRequiredService<IWorkflowHost>();
        host.RegisterWorkflow<PeerThreeSteps, PeerData>();
        host.RegisterWorkflow<PeerWaitEvent, PeerData>();
        await host.StartAsync(CancellationToken.None);
        return new PeerHost(provider, host);
    }

    /// <summary>Starts a three-step workflow; the task ends when WorkflowCore reports it completed.</summary>
    public Task RunThreeStepsAsync(string reference) => StartAndWatch("three-steps", new PeerData(), reference);

    /// <summary>Starts a workflow that waits for "Go" with <paramref name="key"/>; returns once it is started.</summary>
    public async Task StartWaitingAsync(string key) =>
        await host.StartWorkflow("wait-event", 1, new PeerData { Key = key }, key);

    /// <summary>Returns once every key has an event subscription, i.e. each workflow waits at its WaitFor.</summary>
    public async Task WaitUntilSubscribedAsync(IReadOnlyList<string> keys, TimeSpan timeout)
    {
        var persistence = provider.GetRequiredService<IPersistenceProvider>();
        var deadline = DateTime.UtcNow + timeout;
        var pending = keys.ToList();
        while (pending.Count > 0)
        {
            var still = new List<string>();
            foreach (var key in pending)
                if (!(await persistence.GetSubscriptions(Definitions.GoEvent, key, DateTime.MaxValue)).Any()) still.Add(key);
            pending = still;
            if (pending.Count == 0) return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{pending.Count} WorkflowCore instances never reached WaitFor");
            await Task.Delay(50);
        }
    }

    /// <summary>Publishes "Go" for <paramref name="key"/>; the task ends when that workflow has completed.</summary>
    public Task ResumeAsync(string key)
    {
        var done = Watch(key);
        return PublishThenWait(key, done);
    }

    async Task PublishThenWait(string key, Task done)
    {
        await host.PublishEvent(Definitions.GoEvent, key, "paid");
        await done;
    }

    async Task StartAndWatch(string workflow, PeerData data, string reference)
    {
        var done = Watch(reference);
        await host.StartWorkflow(workflow, 1, data, reference);
        await done;
    }

    /// <summary>Registers interest in a workflow's completion before it can happen.</summary>
    public Task Watch(string reference)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!completions.TryAdd(reference, done)) throw new InvalidOperationException($"reference {reference} is watched twice");
        return done.Task;
    }

    /// <summary>Starts a three-step workflow without waiting (max-throughput batches watch it first).</summary>
    public Task StartThreeStepsAsync(string reference) => host.StartWorkflow("three-steps", 1, new PeerData(), reference);

    public Task PublishGoAsync(string key) => host.PublishEvent(Definitions.GoEvent, key, "paid");

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync(CancellationToken.None);
        await provider.DisposeAsync();
    }
}
