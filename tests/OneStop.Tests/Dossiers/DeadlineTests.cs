using System.Text.Json.Nodes;
using PublicServices.OneStop.Calendar;
using PublicServices.WorkflowEngine.Runtime;
using PublicServices.WorkflowEngine.Execution;
using PublicServices.WorkflowEngine.Stores;
using PublicServices.WorkflowEngine.Tests.Support;

namespace PublicServices.WorkflowEngine.Tests.Runtime;

/// <summary>The dossier's statutory due date kept by the instance: receipt, overdue flag, apology letter.</summary>
public class DeadlineTests : IAsyncLifetime
{
    WorkflowHost host = null!;
    readonly WorkingCalendar calendar = new(new WorkingCalendarOptions());

    public async Task InitializeAsync()
    {
        host = await WorkflowHost.PostgresAsync("wf_deadlines");
        await host.PublishAsync(new FlowBuilder("received").Start().Status("received", 2).Task("approve", "leader", ["ok"]).Status("done", 10).End()
            .Chain("start", "received", "approve").Connect("approve", "done", "ok").Chain("done", "end").Build());
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task A_received_dossier_gets_its_due_date_and_is_flagged_when_it_passes()
    {
        var id = await host.StartAsync("received", statutoryDays: 2);
        var due = DossierClock.Start(calendar, host.Clock.GetUtcNow(), 2).DueAt;

        var instance = (await host.Queries.GetInstanceAsync(id))!;
        Assert.Equal((due, false), (instance.DueAt, instance.IsOverdue));

        host.Clock.Set(due.AddMinutes(1));
        Assert.True((await host.Queries.GetInstanceAsync(id))!.IsOverdue);
        Assert.Contains((await host.Queries.InstancesAsync(new InstanceQuery { Overdue = true, AgencyCode = Actors.Centre })).Items, i => i.Id == id);
    }

    [Fact]
    public async Task An_apology_letter_moves_the_due_date_once_and_tells_the_dossier()
    {
        var id = await host.StartAsync("received", statutoryDays: 5);
        var due = (await host.Queries.GetInstanceAsync(id))!.DueAt!.Value;
        var promised = calendar.AddWorkingDays(due, 2);

        var moved = await host.Runtime.MoveDueDateAsync(id, promised, "Cần thêm thời gian xác minh", Actors.Leader);

        Assert.Equal(InstanceActionStatus.Done, moved.Status);
        var instance = (await host.Queries.GetInstanceAsync(id))!;
        Assert.Equal((promised, true), (instance.DueAt, instance.DueDateMoved));
        var effect = JsonNode.Parse((await host.EffectsAsync(id)).Last().Payload)!;
        Assert.Equal((2, "Cần thêm thời gian xác minh"), ((int)effect["status"]!, (string?)effect["reason"]));
        Assert.Equal(promised.ToUniversalTime(), effect["dueAt"]!.GetValue<DateTimeOffset>());

        var again = await host.Runtime.MoveDueDateAsync(id, calendar.AddWorkingDays(promised, 2), "Lần nữa", Actors.Leader);
        Assert.Equal(InstanceActionStatus.Refused, again.Status);
        Assert.Contains("once", again.Reason!.Value.En, StringComparison.Ordinal);
        Assert.Equal(promised, (await host.Queries.GetInstanceAsync(id))!.DueAt);
    }

    [Fact]
    public async Task An_apology_letter_on_the_last_day_is_refused()
    {
        var id = await host.StartAsync("received", statutoryDays: 1);
        var due = (await host.Queries.GetInstanceAsync(id))!.DueAt!.Value;
        host.Clock.Set(due.AddHours(-2));

        var refused = await host.Runtime.MoveDueDateAsync(id, due.AddDays(3), null, Actors.Leader);

        Assert.Equal(InstanceActionStatus.Refused, refused.Status);
        Assert.False(string.IsNullOrEmpty(refused.Reason!.Value.Vi));
        Assert.Equal(due, (await host.Queries.GetInstanceAsync(id))!.DueAt);
    }
}
