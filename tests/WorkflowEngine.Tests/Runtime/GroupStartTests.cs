using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PublicServices.WorkflowEngine.Definitions;
using PublicServices.WorkflowEngine.Execution;
using PublicServices.WorkflowEngine.Persistence;
using PublicServices.WorkflowEngine.Runtime;
using PublicServices.WorkflowEngine.Tests.Support;

namespace PublicServices.WorkflowEngine.Tests.Runtime;

/// <summary>Starts made together share transactions on PostgreSQL, and each still gets exactly its own outcome.</summary>
public class GroupStartTests : IAsyncLifetime
{
    readonly Flaky flaky = new() { Failing = false };
    WorkflowHost host = null!;

    public async Task InitializeAsync()
    {
        host = await WorkflowHost.PostgresAsync("wf_group_start", s => s.AddSingleton<WorkflowActivity>(flaky));
        await host.PublishAsync(Straight("straight", 9));
        await host.PublishAsync(new FlowBuilder("crashing").Start().Mark("received", 2).Activity("call", "Test.Flaky").Mark("done", 9).End()
            .Chain("start", "received", "call", "done", "end").Build());
        // Each replica learns a definition's published version on its first start; batches use what it learned.
        await host.StartAsync("straight");
        await host.StartAsync("crashing");
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    static WorkflowDefinition Straight(string id, int status) => new FlowBuilder(id).Start().Mark("received", 2).Mark("done", status).End()
        .Chain("start", "received", "done", "end").Build();

    static StartWorkflowRequest Request(string definition, Guid? startId = null) => new(definition, Guid.NewGuid().ToString(), Actors.Dossiers)
    {
        Unit = Actors.Centre, StartId = startId,
    };

    /// <summary>Calls made without awaiting one another: they queue together behind the first.</summary>
    Task<StartResult[]> Together(IEnumerable<StartWorkflowRequest> requests) => Task.WhenAll(requests.Select(r => host.Runtime.StartAsync(r)));

    Task<int> TransactionsAsync(IEnumerable<Guid> ids) => host.WithDbAsync(db => db.Database
        .SqlQueryRaw<int>("SELECT count(DISTINCT xmin::text)::int AS \"Value\" FROM workflow_instances WHERE id = ANY({0})", [ids.ToArray()])
        .SingleAsync());

    async Task AssertEffects(Guid id, params int[] marks) => Assert.Equal(marks, await host.MarksAsync(id));

    [Fact]
    public async Task Forty_starts_made_together_share_transactions_and_each_runs_once()
    {
        var results = await Together(Enumerable.Range(0, 40).Select(_ => Request("straight")));

        Assert.All(results, r => Assert.Equal((StartStatus.Started, WorkflowStatus.Finished), (r.Status, r.InstanceStatus)));
        var ids = results.Select(r => r.InstanceId!.Value).ToList();
        Assert.Equal(40, ids.Distinct().Count());
        foreach (var id in ids) await AssertEffects(id, 2, 9);
        Assert.InRange(await TransactionsAsync(ids), 1, 39);
    }

    [Fact]
    public async Task The_same_start_id_ten_times_together_starts_one_instance()
    {
        var startId = Guid.NewGuid();

        var results = await Together(Enumerable.Range(0, 10).Select(_ => Request("straight", startId)));

        Assert.Single(results, r => r.Status == StartStatus.Started);
        Assert.Equal(9, results.Count(r => r.Status == StartStatus.AlreadyStarted));
        Assert.All(results, r => Assert.Equal(startId, r.InstanceId));
        await AssertEffects(startId, 2, 9);
    }

    [Fact]
    public async Task A_start_id_already_used_in_a_batch_gets_its_instance_and_the_others_still_start()
    {
        var used = await host.StartAsync("straight", startId: Guid.NewGuid());

        var results = await Together([.. Enumerable.Range(0, 10).Select(_ => Request("straight")), Request("straight", used)]);

        Assert.Equal(10, results.Count(r => r.Status == StartStatus.Started));
        Assert.Equal((StartStatus.AlreadyStarted, used), (results[^1].Status, results[^1].InstanceId));
        await AssertEffects(used, 2, 9);
    }

    [Fact]
    public async Task A_start_that_faults_among_others_records_its_incident_and_only_its_own()
    {
        flaky.Failing = true;
        try
        {
            var results = await Together([.. Enumerable.Range(0, 10).Select(_ => Request("straight")), Request("crashing")]);

            Assert.All(results[..^1], r => Assert.Equal(WorkflowStatus.Finished, r.InstanceStatus));
            var crashed = results[^1].InstanceId!.Value;
            Assert.Equal(WorkflowStatus.Faulted, results[^1].InstanceStatus);
            Assert.Single(await host.Queries.IncidentsAsync(crashed));
            await AssertEffects(crashed, 2);
        }
        finally
        {
            flaky.Failing = false;
        }
    }

    [Fact]
    public async Task Starts_made_together_after_another_replica_published_run_on_the_new_version()
    {
        await host.PublishAsync(Straight("republished", 7));
        await host.StartAsync("republished");
        await using var other = host.Replica();
        await other.PublishAsync(Straight("republished", 8));

        var results = await Together(Enumerable.Range(0, 10).Select(_ => Request("republished")));

        Assert.All(results, r => Assert.Equal((StartStatus.Started, 2), (r.Status, r.Version)));
        foreach (var r in results) await AssertEffects(r.InstanceId!.Value, 2, 8);
    }
}
