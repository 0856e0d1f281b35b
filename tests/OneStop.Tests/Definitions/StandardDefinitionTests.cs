using System.Text.Json.Nodes;
using PublicServices.Contracts.Dossiers;
using PublicServices.OneStop.Tests.Support;
using PublicServices.WorkflowEngine.Definitions;
using PublicServices.WorkflowEngine.Execution;
using PublicServices.WorkflowEngine.Persistence;
using PublicServices.WorkflowEngine.Runtime;
using PublicServices.WorkflowEngine.Tests.Support;

namespace PublicServices.OneStop.Tests.Definitions;

/// <summary>The shipped one-stop process, run on PostgreSQL the way the workflow service will run it.</summary>
public class StandardDefinitionTests : IAsyncLifetime
{
    WorkflowHost host = null!;

    internal static WorkflowDefinition Standard() =>
        WorkflowDefinition.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "definitions", "one-stop-standard.json")));

    public async Task InitializeAsync()
    {
        host = await DossierHost.HostAsync("wf_standard");
        Assert.Equal(1, await host.Store.SeedAsync([Standard()]));
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public void The_shipped_standard_definition_passes_validation_with_the_status_flow_rule()
    {
        Assert.Empty(OneStopModule.Validator().Validate(Standard()));
    }

    [Fact]
    public async Task A_dossier_goes_from_receipt_through_a_supplement_and_approval_to_result_returned()
    {
        var id = await host.StartDossierAsync("one-stop-standard", statutoryDays: 3);
        var inbox = await host.Queries.InboxAsync(new InboxQuery(Actors.Centre, ["one_stop_desk"], Actors.Desk.Id));
        var receive = Assert.Single(inbox.Items, t => t.InstanceId == id);
        Assert.Equal(("Tiếp nhận hồ sơ", "one_stop_desk"), (receive.Title.Vi, receive.Role));
        // A sixth of three working days from Wednesday 09:00: four working hours, so 14:30.
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 14, 30, 0, TimeSpan.FromHours(7)), receive.DueAt);

        Assert.Equal(TaskActionStatus.Completed, (await host.CompleteAsync(id, "receive", "accept", Actors.Desk)).Status);
        var effects = (await host.EffectsAsync(id)).Where(e => e.Type == "DossierStatusChanged.v1").ToList();
        Assert.Equal([2, 4], await host.StatusesAsync(id));
        var received = JsonNode.Parse(effects[0].Payload)!;
        Assert.Equal((Actors.Desk.Id, Actors.Desk.Name), ((string?)received["actorId"], (string?)received["actorName"]));
        var firstDue = received["dueAt"]!.GetValue<DateTimeOffset>();

        host.Clock.Advance(TimeSpan.FromHours(1));
        await host.CompleteAsync(id, "appraise", "request_supplement", Actors.Specialist, "Thiếu bản sao giấy khai sinh",
            new JsonObject { ["documents"] = new JsonArray("giay-khai-sinh") });
        var request = JsonNode.Parse((await host.EffectsAsync(id)).Last(e => e.Type == "DossierStatusChanged.v1").Payload)!;
        Assert.Equal((5, "Thiếu bản sao giấy khai sinh"), ((int)request["status"]!, (string?)request["reason"]));
        Assert.Equal("giay-khai-sinh", (string?)request["supplement"]!["documents"]![0]);

        host.Clock.Advance(TimeSpan.FromDays(2));
        var delivered = await host.Runtime.DeliverEventAsync(new DeliverEventRequest("SupplementSubmitted", (await Instance(id)).CorrelationId!, Guid.NewGuid().ToString())
        {
            Payload = new JsonObject { ["supplementId"] = "s-1", ["submittedAt"] = host.Clock.GetUtcNow() },
            Actor = Actors.Applicant,
        });
        Assert.Equal(1, delivered.Resumed);
        var resumed = JsonNode.Parse((await host.EffectsAsync(id)).Last(e => e.Type == "DossierStatusChanged.v1").Payload)!;
        Assert.Equal(4, (int)resumed["status"]!);
        Assert.True(resumed["dueAt"]!.GetValue<DateTimeOffset>() > firstDue, "the supplement restarts the statutory clock");

        await host.CompleteAsync(id, "appraise", "propose_approve", Actors.Specialist, "Đủ điều kiện");
        Assert.Equal(TaskActionStatus.Completed, (await host.CompleteAsync(id, "approve", "approve", Actors.Leader, attachments: ["result-doc"])).Status);
        await DeliverAsync(id, "ResultIssued", new JsonObject { ["resultId"] = Guid.NewGuid() });
        await DeliverAsync(id, "ResultDelivered", new JsonObject { ["how"] = "downloaded" });

        Assert.Equal([2, 4, 5, 4, 9, 10], await host.StatusesAsync(id));
        var instance = await Instance(id);
        Assert.Equal((WorkflowStatus.Finished, DossierStatus.ResultReturned), (instance.Status, instance.DossierStatus()));
        Assert.Empty(instance.Waits);
        Assert.All(await host.Queries.TasksOfInstanceAsync(id), t => Assert.Equal(WorkflowTaskStatus.Completed, t.Status));
        Assert.Equal(0, await host.WithDbAsync(db => Task.FromResult(db.Set<Bookmark>().Count(b => b.InstanceId == id) + db.Set<WorkflowTimer>().Count(t => t.InstanceId == id))));

        var journal = await host.Queries.JournalAsync(id);
        Assert.Equal(Enumerable.Range(1, journal.Count).Select(i => (long)i), journal.Select(j => j.Seq));
        Assert.Equal(JournalEvents.WorkflowStarted, journal[0].Event);
        Assert.Equal(JournalEvents.WorkflowFinished, journal[^1].Event);
        Assert.Equal(["receive", "appraise", "appraise", "approve"],
            journal.Where(j => j.Event == JournalEvents.ActivityResumed && j.ActivityType == "PublicServices.HumanTask").Select(j => j.ActivityId));
        Assert.Equal([Actors.Desk.Id, Actors.Specialist.Id, Actors.Specialist.Id, Actors.Leader.Id],
            journal.Where(j => j.Event == JournalEvents.ActivityResumed && j.ActivityType == "PublicServices.HumanTask").Select(j => j.ActorId));
        Assert.Contains(journal, j => j.ActivityId == "appraise-supplement" && j.Event == JournalEvents.ActivityResumed && j.ActorId == Actors.Applicant.Id);
    }

    [Theory]
    [InlineData("refuse", null, null, new[] { 3 })]
    [InlineData("accept", "propose_reject", "reject", new[] { 2, 4, 8 })]
    public async Task Refused_and_rejected_dossiers_end_with_their_status_and_reason(string receive, string? appraise, string? approve, int[] statuses)
    {
        var id = await host.StartDossierAsync("one-stop-standard");
        await host.CompleteAsync(id, "receive", receive, Actors.Desk, "Lý do của cán bộ");
        if (appraise is not null) await host.CompleteAsync(id, "appraise", appraise, Actors.Specialist, "Không đủ điều kiện");
        if (approve is not null) await host.CompleteAsync(id, "approve", approve, Actors.Leader, "Từ chối vì không đủ điều kiện");

        var effects = await host.EffectsAsync(id);
        Assert.Equal(statuses, await host.StatusesAsync(id));
        Assert.False(string.IsNullOrEmpty((string?)JsonNode.Parse(effects.Last(e => e.Type == "DossierStatusChanged.v1").Payload)!["reason"]));
        var refund = JsonNode.Parse(Assert.Single(effects, e => e.Type == "RefundRequested.v1").Payload)!;
        Assert.Equal(effects.Last(e => e.Type == "DossierStatusChanged.v1").Payload is var last ? (string?)JsonNode.Parse(last)!["reason"] : null,
            (string?)refund["reason"]);
        Assert.Equal(WorkflowStatus.Finished, (await Instance(id)).Status);
    }

    [Fact]
    public async Task The_leader_can_return_the_dossier_to_the_specialist()
    {
        var id = await host.StartDossierAsync("one-stop-standard");
        await host.CompleteAsync(id, "receive", "accept", Actors.Desk);
        await host.CompleteAsync(id, "appraise", "propose_approve", Actors.Specialist);

        await host.CompleteAsync(id, "approve", "return_to_specialist", Actors.Leader, "Xem lại");

        Assert.Equal("appraise", (await host.OpenTaskAsync(id, "appraise")).ActivityId);
    }

    [Fact]
    public async Task A_fee_due_with_the_dossier_is_asked_before_the_desk_receives_it_and_the_applicant_is_told()
    {
        var id = await host.StartDossierAsync("one-stop-standard", input: new JsonObject { ["applicantId"] = "citizen-1", ["feeAtSubmission"] = 200_000 });

        Assert.Equal([6], await host.StatusesAsync(id));
        var effects = await host.EffectsAsync(id);
        Assert.Equal(200_000, (long)JsonNode.Parse(Assert.Single(effects, e => e.Type == "PaymentRequested.v1").Payload)!["amount"]!);
        Assert.Equal(("payment-required", "citizen-1"), Notice(effects.Single(e => e.Type == "NotificationRequested.v1")));
        var inbox = await host.Queries.InboxAsync(new InboxQuery(Actors.Centre, ["one_stop_desk"], Actors.Desk.Id));
        Assert.DoesNotContain(inbox.Items, t => t.InstanceId == id);

        await DeliverAsync(id, "PaymentReceived", new JsonObject { ["amount"] = 200_000, ["currency"] = "VND" });

        Assert.Equal("receive", (await host.OpenTaskAsync(id, "receive")).ActivityId);
        Assert.Contains(("payment-received", "citizen-1"), (await host.EffectsAsync(id)).Where(e => e.Type == "NotificationRequested.v1").Select(Notice));
    }

    [Fact]
    public async Task A_fee_due_before_the_result_is_asked_after_approval_and_status_10_waits_until_the_applicant_has_the_result()
    {
        var id = await host.StartDossierAsync("one-stop-standard", input: new JsonObject
        {
            ["applicantId"] = "citizen-1", ["procedureCode"] = "1.001612", ["feeBeforeResult"] = 100_000,
            ["deliveryMethod"] = "post", ["deliveryAddress"] = "Số 1 Phan Đình Phùng, Hà Tĩnh",
        });
        await host.CompleteAsync(id, "receive", "accept", Actors.Desk);
        await host.CompleteAsync(id, "appraise", "propose_approve", Actors.Specialist);
        await host.CompleteAsync(id, "approve", "approve", Actors.Leader, "Đồng ý cấp");
        Assert.Equal([2, 4, 6], await host.StatusesAsync(id));
        Assert.Contains(("dossier-received", "citizen-1"), (await host.EffectsAsync(id)).Where(e => e.Type == "NotificationRequested.v1").Select(Notice));

        await DeliverAsync(id, "PaymentReceived", new JsonObject { ["amount"] = 100_000, ["currency"] = "VND" });
        Assert.Equal([2, 4, 6, 9], await host.StatusesAsync(id));
        var requested = JsonNode.Parse(Assert.Single(await host.EffectsAsync(id), e => e.Type == "ResultRequested.v1").Payload)!;
        Assert.Equal(("1.001612", "citizen-1", "post", "Số 1 Phan Đình Phùng, Hà Tĩnh", "approved"),
            ((string?)requested["procedureCode"], (string?)requested["applicantId"], (string?)requested["deliveryMethod"],
                (string?)requested["deliveryAddress"], (string?)requested["decision"]));

        await DeliverAsync(id, "ResultIssued", new JsonObject { ["resultId"] = Guid.NewGuid() });
        Assert.Contains(("result-ready", "citizen-1"), (await host.EffectsAsync(id)).Where(e => e.Type == "NotificationRequested.v1").Select(Notice));
        Assert.Equal([2, 4, 6, 9], await host.StatusesAsync(id));
        Assert.Equal(WorkflowStatus.Suspended, (await Instance(id)).Status);

        await DeliverAsync(id, "ResultDelivered", new JsonObject { ["how"] = "post", ["trackingNumber"] = "EB123456789VN" });
        Assert.Equal([2, 4, 6, 9, 10], await host.StatusesAsync(id));
        Assert.Equal(WorkflowStatus.Finished, (await Instance(id)).Status);
    }

    static (string?, string?) Notice(OutboxRow row) => JsonNode.Parse(row.Payload) is { } n ? ((string?)n["template"], (string?)n["to"]) : default;

    async Task DeliverAsync(Guid id, string eventName, JsonObject payload) =>
        Assert.Equal(1, (await host.Runtime.DeliverEventAsync(new DeliverEventRequest(eventName, (await Instance(id)).CorrelationId!, Guid.NewGuid().ToString())
        {
            Payload = payload,
            Actor = Actors.Applicant,
        })).Resumed);

    Task<InstanceView> Instance(Guid id) => host.Queries.GetInstanceAsync(id)!;
}
