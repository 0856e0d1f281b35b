using PublicServices.WorkflowEngine.Persistence;
using PublicServices.WorkflowEngine.Runtime;
using PublicServices.WorkflowEngine.Tests.Support;

namespace PublicServices.WorkflowEngine.Tests.Runtime;

public class StartAndVersionTests : IAsyncLifetime
{
    WorkflowHost host = null!;

    public async Task InitializeAsync() => host = await WorkflowHost.PostgresAsync("wf_start");

    public async Task DisposeAsync() => await host.DisposeAsync();

    static FlowBuilder Flow(string id, int finalStatus) => new FlowBuilder(id).Start().Mark("received", 2).Task("decide", "leader", ["done"])
        .Mark("final", finalStatus).End().Chain("start", "received", "decide").Connect("decide", "final", "done").Chain("final", "end");

    [Fact]
    public async Task Starting_twice_with_the_same_start_id_gives_one_instance_and_one_set_of_effects()
    {
        await host.PublishAsync(Flow("idempotent", 4).Build());
        var startId = Guid.NewGuid();
        var request = new StartWorkflowRequest("idempotent", "dossier-x", Actors.Dossiers) { StartId = startId, Unit = Actors.Centre };

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => host.Runtime.StartAsync(request))));

        Assert.Single(results, r => r.Status == StartStatus.Started);
        Assert.All(results, r => Assert.Equal(startId, r.InstanceId));
        Assert.Equal(7, results.Count(r => r.Status == StartStatus.AlreadyStarted));
        Assert.Single(await host.EffectsAsync(startId));
        Assert.Single(await host.Queries.TasksOfInstanceAsync(startId));
    }

    [Fact]
    public async Task An_unknown_definition_or_version_is_not_started()
    {
        await host.PublishAsync(Flow("known", 4).Build());

        Assert.Equal(StartStatus.DefinitionNotFound, (await host.Runtime.StartAsync(new StartWorkflowRequest("unknown", "d", Actors.Dossiers))).Status);
        Assert.Equal(StartStatus.VersionNotFound, (await host.Runtime.StartAsync(new StartWorkflowRequest("known", "d", Actors.Dossiers) { Version = 7 })).Status);
    }

    [Fact]
    public async Task A_running_instance_keeps_its_version_after_a_new_version_is_published()
    {
        await host.PublishAsync(Flow("versioned", 9).Build());
        var onFirst = await host.StartAsync("versioned");

        var second = await host.Store.SaveDraftAsync(Flow("versioned", 8).Build());
        Assert.Equal(2, second.Version);
        var stillFirst = await host.StartAsync("versioned");
        await host.PublishAsync(second);
        var onSecond = await host.StartAsync("versioned");

        await host.CompleteAsync(onFirst, "decide", "done", Actors.Leader);
        await host.CompleteAsync(stillFirst, "decide", "done", Actors.Leader);
        await host.CompleteAsync(onSecond, "decide", "done", Actors.Leader);

        Assert.Equal((1, 9), await Final(onFirst));
        Assert.Equal((1, 9), await Final(stillFirst));
        Assert.Equal((2, 8), await Final(onSecond));
    }

    [Fact]
    public async Task A_retracted_definition_starts_nothing_new_but_its_instances_go_on()
    {
        await host.PublishAsync(Flow("retracted", 10).Build());
        var running = await host.StartAsync("retracted");

        Assert.True(await host.Store.RetractAsync("retracted"));

        Assert.Equal(StartStatus.VersionNotFound, (await host.Runtime.StartAsync(new StartWorkflowRequest("retracted", "d", Actors.Dossiers))).Status);
        Assert.Equal(StartStatus.Started, (await host.Runtime.StartAsync(new StartWorkflowRequest("retracted", "d", Actors.Dossiers) { Version = 1, Unit = Actors.Centre })).Status);
        await host.CompleteAsync(running, "decide", "done", Actors.Leader);
        Assert.Equal((1, 10), await Final(running));
    }

    [Fact]
    public async Task A_version_another_replica_published_is_the_one_the_next_start_runs_on()
    {
        await host.PublishAsync(Flow("replicated", 9).Build());
        await using var other = host.Replica();
        var onFirst = await host.StartAsync("replicated"); // this replica now knows version 1 as the published one

        await other.PublishAsync(Flow("replicated", 8).Build());
        var onSecond = await host.StartAsync("replicated");
        Assert.True(await other.Store.RetractAsync("replicated"));

        Assert.Equal(StartStatus.VersionNotFound, (await host.Runtime.StartAsync(new StartWorkflowRequest("replicated", "d", Actors.Dossiers))).Status);
        await host.CompleteAsync(onFirst, "decide", "done", Actors.Leader);
        await host.CompleteAsync(onSecond, "decide", "done", Actors.Leader);
        Assert.Equal((1, 9), await Final(onFirst));
        Assert.Equal((2, 8), await Final(onSecond));
    }

    async Task<(int Version, int Mark)> Final(Guid id)
    {
        var instance = (await host.Queries.GetInstanceAsync(id))!;
        Assert.Equal(WorkflowStatus.Finished, instance.Status);
        return (instance.DefinitionVersion, (await host.MarksAsync(id))[^1]);
    }
}
