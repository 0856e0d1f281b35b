using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PublicServices.OneStop.Calendar;
using PublicServices.OneStop.Dossiers;
using PublicServices.OneStop.Tests.Support;
using PublicServices.WorkflowEngine.Execution;
using PublicServices.WorkflowEngine.Runtime;
using PublicServices.WorkflowEngine.Tests.Support;

namespace PublicServices.OneStop.Tests.Dossiers;

/// <summary>The dossier's statutory due date kept by the instance: receipt, overdue flag, apology letter, overdue steps.</summary>
public class DeadlineTests : IAsyncLifetime
{
    WorkflowHost host = null!;
    readonly WorkingCalendar calendar = new(new WorkingCalendarOptions());

    public async Task InitializeAsync()
    {
        host = await DossierHost.HostAsync("wf_deadlines");
        await host.PublishAsync(new FlowBuilder("received").Start().Status("received", 2).HumanTask("approve", "leader", ["ok"]).Status("done", 9).End()
            .Chain("start", "received", "approve").Connect("approve", "done", "ok").Chain("done", "end").Build());
        await host.PublishAsync(new FlowBuilder("budgeted").Start().HumanTask("receive", "one_stop_desk", ["ok"], budget: 0.5m).End()
            .Connect("start", "receive").Connect("receive", "end", "ok").Build());
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    DossierDeadlines Deadlines => host.Services.GetRequiredService<DossierDeadlines>();

    async Task<InstanceView> Instance(Guid id) => (await host.Queries.GetInstanceAsync(id))!;

    [Fact]
    public async Task A_received_dossier_gets_its_due_date_and_is_flagged_when_it_passes()
    {
        var id = await host.StartDossierAsync("received", statutoryDays: 2);
        var due = DossierClock.Start(calendar, host.Clock.GetUtcNow(), 2).DueAt;

        var instance = await Instance(id);
        Assert.Equal((due, false), (instance.DueAt, instance.IsOverdue));

        host.Clock.Set(due.AddMinutes(1));
        Assert.True((await Instance(id)).IsOverdue);
        Assert.Contains((await host.Queries.InstancesAsync(new InstanceQuery { Overdue = true, Unit = Actors.Centre })).Items, i => i.Id == id);
    }

    [Fact]
    public async Task An_apology_letter_moves_the_due_date_once_and_tells_the_dossier_and_the_applicant()
    {
        var id = await host.StartDossierAsync("received", statutoryDays: 5, input: new JsonObject { ["applicantId"] = "citizen-7" });
        var due = (await Instance(id)).DueAt!.Value;
        var promised = calendar.AddWorkingDays(due, 2);

        var moved = await Deadlines.MoveDueDateAsync(id, promised, "Cần thêm thời gian xác minh", Actors.Leader);

        Assert.Equal((InstanceActionStatus.Done, promised), (moved.Status, moved.DueAt));
        var instance = await Instance(id);
        Assert.Equal(promised, instance.DueAt);
        Assert.NotNull(DossierProperties.Clock(instance.Properties)!.ApologyIssuedAt);
        var notice = JsonNode.Parse((await host.EffectsAsync(id)).Last().Payload)!;
        Assert.Equal(("apology", "citizen-7", promised.ToUniversalTime()),
            ((string?)notice["template"], (string?)notice["to"], notice["data"]!["newDueAt"]!.GetValue<DateTimeOffset>()));
        var effect = JsonNode.Parse((await host.EffectsAsync(id)).Last(e => e.Type == "DossierStatusChanged.v1").Payload)!;
        Assert.Equal((2, "Cần thêm thời gian xác minh"), ((int)effect["status"]!, (string?)effect["reason"]));
        Assert.Equal(promised.ToUniversalTime(), effect["dueAt"]!.GetValue<DateTimeOffset>());
        Assert.Contains(await host.Queries.JournalAsync(id), j => j.Event == DossierDeadlines.DueDateMoved && j.ActorId == Actors.Leader.Id);

        var again = await Deadlines.MoveDueDateAsync(id, calendar.AddWorkingDays(promised, 2), "Lần nữa", Actors.Leader);
        Assert.Equal((InstanceActionStatus.Declined, "Apology.AlreadyMoved"), (again.Status, again.RefusalKey));
        Assert.Contains("once", OneStopTexts.English(again.RefusalKey!), StringComparison.Ordinal);
        Assert.Equal(promised, (await Instance(id)).DueAt);
    }

    [Fact]
    public async Task An_apology_letter_on_the_last_day_is_refused()
    {
        var id = await host.StartDossierAsync("received", statutoryDays: 1);
        var due = (await Instance(id)).DueAt!.Value;
        host.Clock.Set(due.AddHours(-2));

        var refused = await Deadlines.MoveDueDateAsync(id, due.AddDays(3), "Muộn", Actors.Leader);

        Assert.Equal((InstanceActionStatus.Declined, "Apology.TooLate"), (refused.Status, refused.RefusalKey));
        Assert.False(string.IsNullOrEmpty(OneStopTexts.Vietnamese(refused.RefusalKey!)));
        Assert.Equal(due, (await Instance(id)).DueAt);
    }

    [Fact]
    public async Task An_apology_letter_for_a_dossier_not_received_or_already_finished_moves_nothing()
    {
        var waiting = await host.StartDossierAsync("budgeted");
        var notReceived = await Deadlines.MoveDueDateAsync(waiting, host.Clock.GetUtcNow().AddDays(30), "Chưa tiếp nhận", Actors.Desk);
        Assert.Equal((InstanceActionStatus.Declined, "Apology.NotReceived"), (notReceived.Status, notReceived.RefusalKey));

        await host.CompleteAsync(waiting, "receive", "ok", Actors.Desk);
        var ended = await Deadlines.MoveDueDateAsync(waiting, host.Clock.GetUtcNow().AddDays(30), "Đã xong", Actors.Desk);
        Assert.Equal((InstanceActionStatus.AlreadyEnded, null), (ended.Status, ended.RefusalKey));
        Assert.Equal(InstanceActionStatus.NotFound, (await Deadlines.MoveDueDateAsync(Guid.NewGuid(), host.Clock.GetUtcNow(), "?", Actors.Desk)).Status);
    }

    [Fact]
    public async Task An_overdue_step_tells_its_officers_once_and_stays_in_their_inbox()
    {
        var id = await host.StartDossierAsync("budgeted");
        var task = await host.OpenTaskAsync(id, "receive");

        host.Clock.Advance(TimeSpan.FromHours(6));
        await host.Runtime.RunDueTimersAsync();
        await host.Runtime.RunDueTimersAsync();

        var overdue = await host.Queries.InboxAsync(new InboxQuery(Actors.Centre, ["one_stop_desk"], Actors.Desk.Id) { Overdue = true });
        Assert.NotNull(Assert.Single(overdue.Items, t => t.Id == task.Id).EscalatedAt);
        var notice = Assert.Single(await host.EffectsAsync(id));
        Assert.Equal("NotificationRequested.v1", notice.Type);
        var payload = JsonNode.Parse(notice.Payload)!;
        Assert.Equal(("task-overdue", task.Id.ToString()), ((string?)payload["template"], (string?)payload["data"]!["taskId"]));
        Assert.Single(await host.Queries.JournalAsync(id), j => j.Event == JournalEvents.TaskEscalated);
    }
}
