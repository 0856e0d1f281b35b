using PublicServices.WorkflowEngine.Execution;
using PublicServices.WorkflowEngine.Persistence;
using PublicServices.WorkflowEngine.Runtime;
using PublicServices.WorkflowEngine.Tests.Support;

namespace PublicServices.WorkflowEngine.Tests.Runtime;

/// <summary>The officer inbox and the rules on who may act on a task.</summary>
public class InboxTests : IAsyncLifetime
{
    WorkflowHost host = null!;

    public async Task InitializeAsync()
    {
        host = await WorkflowHost.PostgresAsync("wf_inbox");
        foreach (var (id, deadline) in new[] { ("quick", "04:00:00"), ("slow", "3.00:00:00") })
            await host.PublishAsync(new FlowBuilder(id).Start().Task("receive", "one_stop_desk", ["accept", "refuse"], deadline).End()
                .Connect("start", "receive").Connect("receive", "end", "accept").Connect("receive", "end", "refuse").Build());
        await host.PublishAsync(new FlowBuilder("untimed").Start().Task("review", "specialist", ["ok"]).End()
            .Connect("start", "review").Connect("review", "end", "ok").Build());
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    Task<InboxPage> Inbox(WorkflowActor who, Func<InboxQuery, InboxQuery>? filter = null) =>
        host.Queries.InboxAsync((filter ?? (q => q))(new InboxQuery(who.Unit!, who.Roles!, who.Id)));

    [Fact]
    public async Task The_inbox_lists_open_tasks_of_the_unit_and_roles_by_deadline_and_flags_overdue_ones()
    {
        var slow = await host.StartAsync("slow");
        host.Clock.Advance(TimeSpan.FromMinutes(5));
        var quick = await host.StartAsync("quick");
        var review = await host.StartAsync("untimed");
        host.Clock.Advance(TimeSpan.FromHours(6));

        var desk = (await Inbox(Actors.Desk)).Items.Where(t => t.InstanceId == slow || t.InstanceId == quick).ToList();
        Assert.Equal([quick, slow], desk.Select(t => t.InstanceId));
        Assert.Equal([true, false], desk.Select(t => t.IsOverdue));
        Assert.DoesNotContain((await Inbox(Actors.Desk)).Items, t => t.InstanceId == review);
        Assert.DoesNotContain((await Inbox(Actors.WardDesk)).Items, t => t.InstanceId == slow);

        var both = new WorkflowActor("multi", "Hai vai trò", Actors.Centre, ["specialist", "one_stop_desk"]);
        var merged = (await Inbox(both)).Items.Where(t => t.InstanceId == slow || t.InstanceId == quick || t.InstanceId == review).ToList();
        Assert.Equal([quick, slow, review], merged.Select(t => t.InstanceId));

        Assert.Contains((await Inbox(Actors.Desk, q => q with { Overdue = true })).Items, t => t.InstanceId == quick);
        Assert.DoesNotContain((await Inbox(Actors.Desk, q => q with { Overdue = true })).Items, t => t.InstanceId == slow);
        Assert.DoesNotContain((await Inbox(Actors.Desk, q => q with { Overdue = false })).Items, t => t.InstanceId == quick);
    }

    [Fact]
    public async Task The_inbox_filters_by_reference_and_by_what_I_claimed_and_pages()
    {
        var mine = await host.StartAsync("slow");
        var other = await host.StartAsync("slow");
        var task = await host.OpenTaskAsync(mine, "receive");

        Assert.Equal(TaskActionStatus.Claimed, (await host.Runtime.ClaimTaskAsync(task.Id, Actors.Desk)).Status);

        var claimed = await Inbox(Actors.Desk, q => q with { ClaimedByMe = true });
        Assert.Contains(claimed.Items, t => t.Id == task.Id && t.ClaimedBy == Actors.Desk.Id && t.Status == WorkflowTaskStatus.Claimed);
        Assert.DoesNotContain(claimed.Items, t => t.InstanceId == other);
        var code = task.Reference![^8..].ToLowerInvariant();
        Assert.Contains((await Inbox(Actors.Desk, q => q with { Text = code })).Items, t => t.Id == task.Id);
        Assert.Empty((await Inbox(Actors.Desk, q => q with { Text = "no-such-code" })).Items);

        var first = await Inbox(Actors.Desk, q => q with { PageSize = 1 });
        var second = await Inbox(Actors.Desk, q => q with { PageSize = 1, Page = 2 });
        Assert.True(first.HasMore);
        Assert.NotEqual(first.Items.Single().Id, second.Items.Single().Id);
    }

    [Fact]
    public async Task Only_an_officer_of_the_task_unit_and_role_may_act_and_only_with_an_allowed_outcome()
    {
        var id = await host.StartAsync("slow");
        var task = await host.OpenTaskAsync(id, "receive");

        Assert.Equal(TaskActionStatus.Forbidden, (await host.Runtime.CompleteTaskAsync(new CompleteTaskRequest(task.Id, "accept", Actors.WardDesk))).Status);
        Assert.Equal(TaskActionStatus.Forbidden, (await host.Runtime.CompleteTaskAsync(new CompleteTaskRequest(task.Id, "accept", Actors.Specialist))).Status);
        Assert.Equal(TaskActionStatus.Forbidden, (await host.Runtime.ClaimTaskAsync(task.Id, Actors.WardDesk)).Status);
        Assert.Equal(TaskActionStatus.InvalidOutcome, (await host.Runtime.CompleteTaskAsync(new CompleteTaskRequest(task.Id, "approve", Actors.Desk))).Status);
        Assert.Equal(TaskActionStatus.NotFound, (await host.Runtime.CompleteTaskAsync(new CompleteTaskRequest(Guid.NewGuid(), "accept", Actors.Desk))).Status);
        Assert.Equal(WorkflowTaskStatus.Open, (await host.Queries.GetTaskAsync(task.Id))!.Status);

        Assert.Equal(TaskActionStatus.Completed, (await host.Runtime.CompleteTaskAsync(new CompleteTaskRequest(task.Id, "accept", Actors.Desk) { Comment = "Đủ hồ sơ" })).Status);
        Assert.Equal(TaskActionStatus.AlreadyCompleted, (await host.Runtime.CompleteTaskAsync(new CompleteTaskRequest(task.Id, "accept", Actors.Desk))).Status);
        var done = (await host.Queries.GetTaskAsync(task.Id))!;
        Assert.Equal((WorkflowTaskStatus.Completed, "accept", "Đủ hồ sơ", Actors.Desk.Id), (done.Status, done.Outcome, done.Comment, done.CompletedBy));
        Assert.DoesNotContain((await Inbox(Actors.Desk)).Items, t => t.Id == task.Id);
    }

    [Fact]
    public async Task A_claimed_task_belongs_to_its_claimer_until_released()
    {
        var id = await host.StartAsync("slow");
        var task = await host.OpenTaskAsync(id, "receive");
        await host.Runtime.ClaimTaskAsync(task.Id, Actors.Desk);

        Assert.Equal(TaskActionStatus.ClaimedByOther, (await host.Runtime.ClaimTaskAsync(task.Id, Actors.Desk2)).Status);
        Assert.Equal(TaskActionStatus.ClaimedByOther, (await host.Runtime.CompleteTaskAsync(new CompleteTaskRequest(task.Id, "accept", Actors.Desk2))).Status);
        Assert.Equal(TaskActionStatus.NotClaimed, (await host.Runtime.ReleaseTaskAsync(task.Id, Actors.Desk2)).Status);

        Assert.Equal(TaskActionStatus.Released, (await host.Runtime.ReleaseTaskAsync(task.Id, Actors.Desk)).Status);
        Assert.Equal(TaskActionStatus.Claimed, (await host.Runtime.ClaimTaskAsync(task.Id, Actors.Desk2)).Status);
        Assert.Equal(TaskActionStatus.Completed, (await host.Runtime.CompleteTaskAsync(new CompleteTaskRequest(task.Id, "refuse", Actors.Desk2))).Status);
        Assert.Equal(TaskActionStatus.AlreadyCompleted, (await host.Runtime.ClaimTaskAsync(task.Id, Actors.Desk)).Status);
    }
}
