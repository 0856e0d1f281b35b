using System.Text.Json.Nodes;
using PublicServices.WorkflowEngine.Persistence;
using PublicServices.WorkflowEngine.Runtime;
using PublicServices.WorkflowEngine.Tests.Support;
using static PublicServices.WorkflowEngine.Tests.Support.FlowBuilder;

namespace PublicServices.WorkflowEngine.Tests.Runtime;

/// <summary>The embedded mode: the same runtime on a SQLite file, with its in-process instance locks.</summary>
public class SqliteSmokeTests
{
    [Fact]
    public async Task A_review_process_timers_and_the_inbox_work_on_SQLite()
    {
        await using var host = await WorkflowHost.SqliteAsync();
        await host.Store.SeedAsync([Flows.Review()]);
        await host.PublishAsync(new FlowBuilder("delayed").Start().Activity("wait", "Elsa.Delay", ("timeSpan", Lit("00:10:00", "TimeSpan")))
            .End().Chain("start", "wait", "end").Build());

        var id = await host.StartAsync("review", new JsonObject { ["deadline"] = "04:00:00" });
        var later = await host.StartAsync("review", new JsonObject { ["deadline"] = "2.00:00:00" });
        var inbox = await host.Queries.InboxAsync(new InboxQuery(Actors.Centre, ["one_stop_desk"], Actors.Desk.Id));
        Assert.Equal([id, later], inbox.Items.Select(t => t.InstanceId));

        var task = await host.OpenTaskAsync(id, "receive");
        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() =>
            host.Runtime.CompleteTaskAsync(new CompleteTaskRequest(task.Id, "accept", Actors.Desk)))));
        Assert.Single(results, r => r.Status == TaskActionStatus.Completed);

        await host.CompleteAsync(id, "appraise", "propose_approve", Actors.Specialist);
        await host.CompleteAsync(id, "approve", "approve", Actors.Leader);
        Assert.Equal([2, 4, 9, 10], await host.MarksAsync(id));
        Assert.Equal(WorkflowStatus.Finished, (await host.Queries.GetInstanceAsync(id))!.Status);

        var delayed = await host.StartAsync("delayed");
        host.Clock.Advance(TimeSpan.FromMinutes(11));
        Assert.Equal(1, await host.Runtime.RunDueTimersAsync());
        Assert.Equal(WorkflowStatus.Finished, (await host.Queries.GetInstanceAsync(delayed))!.Status);
    }
}
