using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PublicServices.WorkflowEngine.Execution;
using PublicServices.WorkflowEngine.Persistence;
using PublicServices.WorkflowEngine.Runtime;
using PublicServices.WorkflowEngine.Tests.Support;
using static PublicServices.WorkflowEngine.Tests.Support.FlowBuilder;

namespace PublicServices.WorkflowEngine.Tests.Runtime;

/// <summary>Task completions made together share transactions on PostgreSQL, and each still gets exactly its own outcome.</summary>
public class GroupCompletionTests : IAsyncLifetime
{
    readonly Flaky flaky = new() { Failing = false };
    WorkflowHost host = null!;

    public async Task InitializeAsync()
    {
        host = await WorkflowHost.PostgresAsync("wf_group_complete", s => s.AddSingleton<WorkflowActivity>(flaky));
        await host.PublishAsync(new FlowBuilder("two-tasks").Start().Task("receive", "one_stop_desk", ["accept", "refuse"]).Mark("processing", 4)
            .Task("approve", "leader", ["ok"]).End()
            .Connect("start", "receive").Connect("receive", "processing", "accept").Connect("receive", "end", "refuse")
            .Connect("processing", "approve").Connect("approve", "end", "ok").Build());
        await host.PublishAsync(new FlowBuilder("crash-after-task").Start().Task("receive", "one_stop_desk", ["accept"]).Activity("call", "Test.Flaky")
            .Mark("processing", 4).End().Connect("start", "receive").Connect("receive", "call", "accept").Chain("call", "processing", "end").Build());
        await host.PublishAsync(new FlowBuilder("fork").Start()
            .Activity("fork", "Elsa.FlowFork", ("branches", Lit("[\"left\",\"right\"]", "String[]")))
            .Task("a", "specialist", ["ok"]).Task("b", "leader", ["ok"])
            .Activity("join", "Elsa.FlowJoin", ("mode", Lit("WaitAll", "String"))).Mark("processing", 4).End()
            .Connect("start", "fork").Connect("fork", "a", "left").Connect("fork", "b", "right")
            .Connect("a", "join", "ok").Connect("b", "join", "ok").Chain("join", "processing", "end").Build());
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    async Task<List<(Guid Instance, Guid Task)>> OpenAsync(string definition, string activity, int count)
    {
        var open = new List<(Guid, Guid)>();
        for (var i = 0; i < count; i++)
        {
            var id = await host.StartAsync(definition);
            open.Add((id, (await host.OpenTaskAsync(id, activity)).Id));
        }
        return open;
    }

    /// <summary>Calls made without awaiting one another: they queue together behind the first.</summary>
    Task<TaskActionResult[]> Together(IEnumerable<CompleteTaskRequest> requests) =>
        Task.WhenAll(requests.Select(r => host.Runtime.CompleteTaskAsync(r)));

    async Task AssertEffects(Guid id, params int[] marks) => Assert.Equal(marks, await host.MarksAsync(id));

    [Fact]
    public async Task Forty_completions_made_together_share_transactions_and_each_moves_its_instance_once()
    {
        var open = await OpenAsync("two-tasks", "receive", 40);

        var results = await Together(open.Select(o => new CompleteTaskRequest(o.Task, "accept", Actors.Desk) { Comment = "đủ" }));

        Assert.All(results, r => Assert.Equal(TaskActionStatus.Completed, r.Status));
        Assert.Equal(open.Select(o => o.Instance), results.Select(r => r.InstanceId!.Value));
        foreach (var (instance, task) in open)
        {
            await AssertEffects(instance, 4);
            Assert.Equal("approve", (await host.OpenTaskAsync(instance, "approve")).ActivityId);
            var done = (await host.Queries.GetTaskAsync(task))!;
            Assert.Equal((WorkflowTaskStatus.Completed, "accept", "đủ", Actors.Desk.Id), (done.Status, done.Outcome, done.Comment, done.CompletedBy));
        }
        var transactions = await host.WithDbAsync(db => db.Database.SqlQueryRaw<int>(
            "SELECT count(DISTINCT xmin::text)::int AS \"Value\" FROM workflow_tasks WHERE id = ANY({0})", [open.Select(o => o.Task).ToArray()]).SingleAsync());
        Assert.InRange(transactions, 1, 39);
    }

    [Fact]
    public async Task A_refused_officer_or_outcome_among_others_gets_its_own_answer_and_the_others_complete()
    {
        var open = await OpenAsync("two-tasks", "receive", 12);

        var results = await Together(open.Select((o, i) => i switch
        {
            3 => new CompleteTaskRequest(o.Task, "accept", Actors.WardDesk),
            7 => new CompleteTaskRequest(o.Task, "maybe", Actors.Desk),
            _ => new CompleteTaskRequest(o.Task, "accept", Actors.Desk),
        }));

        Assert.Equal(TaskActionStatus.Forbidden, results[3].Status);
        Assert.Equal(TaskActionStatus.InvalidOutcome, results[7].Status);
        Assert.Equal(10, results.Count(r => r.Status == TaskActionStatus.Completed));
        Assert.Equal(WorkflowTaskStatus.Open, (await host.Queries.GetTaskAsync(open[3].Task))!.Status);
        Assert.Equal(WorkflowTaskStatus.Open, (await host.Queries.GetTaskAsync(open[7].Task))!.Status);
        await AssertEffects(open[3].Instance);
        await AssertEffects(open[0].Instance, 4);
    }

    [Fact]
    public async Task The_same_tasks_completed_three_times_together_complete_once_each()
    {
        var open = await OpenAsync("two-tasks", "receive", 10);

        var results = await Together(Enumerable.Range(0, 3).SelectMany(round => open.Select(o =>
            new CompleteTaskRequest(o.Task, round == 1 ? "refuse" : "accept", round == 2 ? Actors.Desk2 : Actors.Desk))));

        Assert.Equal(10, results.Count(r => r.Status == TaskActionStatus.Completed));
        Assert.Equal(20, results.Count(r => r.Status == TaskActionStatus.AlreadyCompleted));
        foreach (var (instance, task) in open)
        {
            var outcome = (await host.Queries.GetTaskAsync(task))!.Outcome;
            await AssertEffects(instance, outcome == "accept" ? [4] : []);
            var resumed = (await host.Queries.JournalAsync(instance)).Where(j => j.ActivityId == "receive" && j.Event == JournalEvents.ActivityResumed);
            Assert.Equal(outcome, Assert.Single(resumed).Data!["outcome"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Both_branches_of_a_fork_completed_together_join_once()
    {
        var id = await host.StartAsync("fork");
        var a = await host.OpenTaskAsync(id, "a");
        var b = await host.OpenTaskAsync(id, "b");

        var results = await Together([new CompleteTaskRequest(a.Id, "ok", Actors.Specialist), new CompleteTaskRequest(b.Id, "ok", Actors.Leader)]);

        Assert.All(results, r => Assert.Equal(TaskActionStatus.Completed, r.Status));
        Assert.Equal(WorkflowStatus.Finished, (await host.Queries.GetInstanceAsync(id))!.Status);
        await AssertEffects(id, 4);
    }

    [Fact]
    public async Task A_completion_whose_next_step_throws_among_others_still_counts_and_faults_only_its_instance()
    {
        var open = await OpenAsync("two-tasks", "receive", 8);
        var crashing = (await OpenAsync("crash-after-task", "receive", 1))[0];
        flaky.Failing = true;
        try
        {
            var results = await Together([.. open.Select(o => new CompleteTaskRequest(o.Task, "accept", Actors.Desk)),
                new CompleteTaskRequest(crashing.Task, "accept", Actors.Desk)]);

            Assert.All(results, r => Assert.Equal(TaskActionStatus.Completed, r.Status));
            Assert.Equal(WorkflowStatus.Faulted, results[^1].InstanceStatus);
            Assert.Single(await host.Queries.IncidentsAsync(crashing.Instance));
            Assert.All(results[..^1], r => Assert.Equal(WorkflowStatus.Suspended, r.InstanceStatus));
        }
        finally
        {
            flaky.Failing = false;
        }
    }
}
