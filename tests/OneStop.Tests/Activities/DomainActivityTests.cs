using System.Text.Json.Nodes;
using PublicServices.Contracts.Dossiers;
using PublicServices.OneStop.Dossiers;
using PublicServices.OneStop.Tests.Support;
using PublicServices.WorkflowEngine.Json;
using PublicServices.WorkflowEngine.Persistence;
using PublicServices.WorkflowEngine.Tests.Support;
using static PublicServices.WorkflowEngine.Tests.Support.FlowBuilder;

namespace PublicServices.OneStop.Tests.Activities;

public class DomainActivityTests
{
    const string StatusChanged = "DossierStatusChanged.v1";

    static DossierClock? Clock(Harness h) => DossierProperties.Clock(h.Properties);

    [Fact]
    public void HumanTask_goes_to_the_dossier_agency_and_role_with_a_deadline_from_its_budget()
    {
        var h = OneStopModule.Harness(new FlowBuilder("t").Start().HumanTask("appraise", "specialist", ["ok", "no"], budget: 1.5m).End()
            .Connect("start", "appraise").Connect("appraise", "end", "ok").Connect("appraise", "end", "no").Build());

        h.Start();

        var task = Assert.Single(h.Tasks);
        Assert.Equal((Actors.Centre, "specialist", WorkflowTaskStatus.Open), (task.Unit, task.Role, task.Status));
        Assert.Equal(("Việc appraise", "Task appraise"), (task.TitleVi, task.TitleEn));
        // Wednesday 09:00 + 1.5 working days (12 working hours: 6.5 on Wednesday, 4 on Thursday morning, 1.5 after lunch).
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 14, 30, 0, TimeSpan.FromHours(7)), task.DueAt);
        Assert.Equal(1.5m, (decimal)WorkflowJson.ParseObject(task.Properties!)["budgetWorkingDays"]!);
        Assert.Equal(task.DueAt, Assert.Single(h.Timers).DueAt);
    }

    [Fact]
    public void HumanTask_goes_to_a_named_agency_and_without_a_budget_has_no_deadline()
    {
        var h = OneStopModule.Harness(new FlowBuilder("t").Start().HumanTask("receive", "one_stop_desk", ["ok"], agency: Actors.Ward).End()
            .Connect("start", "receive").Connect("receive", "end", "ok").Build());

        h.Start();

        var task = Assert.Single(h.Tasks);
        Assert.Equal((Actors.Ward, null, null), (task.Unit, task.DueAt, task.Properties));
        Assert.Empty(h.Timers);
    }

    [Theory]
    [InlineData(new int[0], 3)]
    [InlineData(new[] { 2 }, 8)]
    public void SetDossierStatus_3_and_8_carry_the_officers_comment_as_their_reason(int[] before, int status)
    {
        var flow = new FlowBuilder("t").Start();
        var chain = new List<string> { "start" };
        foreach (var s in before)
        {
            flow.Status("before-" + s, s);
            chain.Add("before-" + s);
        }
        var h = OneStopModule.Harness(flow.HumanTask("decide", "leader", ["no"]).Status("ended", status).Finish()
            .Chain([.. chain, "decide"]).Connect("decide", "ended", "no").Chain("ended", "finish").Build());
        h.Start();

        h.Complete("decide", "no", "Hồ sơ thiếu tờ khai", actor: Actors.Leader);

        var payload = h.Payloads(StatusChanged).Last();
        Assert.Equal((status, "Hồ sơ thiếu tờ khai", Actors.Leader.Id), ((int)payload["status"]!, (string?)payload["reason"], (string?)payload["actorId"]));
    }

    [Fact]
    public void HumanTask_tells_the_officers_when_its_budget_runs_out_and_stays_open()
    {
        var h = OneStopModule.Harness(new FlowBuilder("t").Start().HumanTask("receive", "one_stop_desk", ["ok"], budget: 0.5m).End()
            .Connect("start", "receive").Connect("receive", "end", "ok").Build());
        h.Start();

        // Half a day from 09:00 is four working hours: 14:30, after the lunch break.
        h.Clock.Advance(TimeSpan.FromHours(5));
        h.FireDueTimers();
        Assert.Empty(h.Payloads("NotificationRequested.v1"));

        h.Clock.Advance(TimeSpan.FromMinutes(30));
        h.FireDueTimers();
        var notice = Assert.Single(h.Payloads("NotificationRequested.v1"));
        Assert.Equal(("task-overdue", "dossier-1"), ((string?)notice["template"], (string?)notice["dossierId"]));
        Assert.Null(notice["to"]);
        Assert.Equal((Actors.Centre, "one_stop_desk", "receive"),
            ((string?)notice["data"]!["agencyCode"], (string?)notice["data"]!["role"], (string?)notice["data"]!["activityId"]));
        Assert.Equal(h.Instance.Reference, (string?)notice["data"]!["dossierCode"]);
        Assert.Equal(["receive"], h.Waiting);

        h.Complete("receive", "ok");
        Assert.Equal(WorkflowStatus.Finished, h.Instance.Status);
    }

    [Fact]
    public void SetDossierStatus_2_starts_the_statutory_clock_and_reports_the_due_date()
    {
        var h = OneStopModule.Harness(new FlowBuilder("t").Start().Status("received", 2, "Đã tiếp nhận").End().Chain("start", "received", "end").Build(),
            statutoryDays: 3);

        h.Start();

        var payload = h.Payloads(StatusChanged).Single();
        var expected = DossierClock.Start(OneStopModule.Calendar, h.Clock.GetUtcNow(), 3).DueAt;
        Assert.Equal(2, (int)payload["status"]!);
        Assert.Equal("Đã tiếp nhận", (string?)payload["note"]);
        Assert.Equal("dossier-1", (string?)payload["dossierId"]);
        Assert.Equal(expected.ToUniversalTime(), payload["dueAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal(expected, h.Instance.DueAt);
        Assert.Equal(DossierStatus.Received, DossierProperties.Status(h.Properties));
    }

    [Fact]
    public void RequestSupplement_states_the_reason_stops_the_clock_and_restarts_it_when_the_supplement_arrives()
    {
        var h = OneStopModule.Harness(new FlowBuilder("t").Start().Status("received", 2).HumanTask("appraise", "specialist", ["more", "ok"])
            .Activity("supplement", "PublicServices.RequestSupplement").End()
            .Connect("start", "received").Connect("received", "appraise").Connect("appraise", "supplement", "more").Connect("supplement", "appraise")
            .Connect("appraise", "end", "ok").Build(), statutoryDays: 3);
        h.Start();
        var firstDue = Clock(h)!.DueAt;

        h.Complete("appraise", "more", "Bổ sung bản vẽ", new JsonObject { ["documents"] = new JsonArray("ban-ve") }, actor: Actors.Specialist);

        var request = h.Payloads(StatusChanged).Last();
        Assert.Equal(5, (int)request["status"]!);
        Assert.Equal("Bổ sung bản vẽ", (string?)request["reason"]);
        Assert.Equal("ban-ve", (string?)request["supplement"]!["documents"]![0]);
        Assert.Null(request["dueAt"]);
        Assert.True(Clock(h)!.IsPaused);
        Assert.Null(h.Instance.DueAt);
        Assert.Equal(("SupplementSubmitted", "dossier-1"), (h.Bookmarks.Single().Name, h.Bookmarks.Single().CorrelationId));

        h.Clock.Advance(TimeSpan.FromDays(7));
        var submittedAt = h.Clock.GetUtcNow();
        h.Deliver("SupplementSubmitted", new JsonObject { ["supplementId"] = "s-1", ["submittedAt"] = submittedAt });

        var restarted = Clock(h)!;
        Assert.False(restarted.IsPaused);
        Assert.Equal(DossierClock.Start(OneStopModule.Calendar, submittedAt, 3).DueAt, restarted.DueAt);
        Assert.True(restarted.DueAt > firstDue);
        Assert.Equal(restarted.DueAt, h.Instance.DueAt);
        Assert.Equal(["appraise"], h.Waiting);
    }

    [Fact]
    public void RequestPayment_asks_for_the_fee_and_continues_only_when_it_is_paid_in_full()
    {
        var h = OneStopModule.Harness(new FlowBuilder("t").Start().Activity("pay", "PublicServices.RequestPayment", ("amount", Js("input.fee")))
            .Status("received", 2).End()
            .Connect("start", "pay").Connect("pay", "received", "Paid").Chain("received", "end").Build(), input: new JsonObject { ["fee"] = 200000 });
        h.Start();

        Assert.Equal(6, (int)h.Payloads(StatusChanged).Single()["status"]!);
        var request = h.Payloads("PaymentRequested.v1").Single();
        Assert.Equal((200000L, "VND", "dossier-1"), ((long)request["amount"]!, (string?)request["currency"], (string?)request["dossierId"]));

        h.Deliver("PaymentReceived", new JsonObject { ["paymentId"] = "p-1", ["amount"] = 100000 });
        Assert.Equal(WorkflowStatus.Suspended, h.Instance.Status);

        h.Deliver("PaymentReceived", new JsonObject { ["paymentId"] = "p-2", ["amount"] = 200000 });
        Assert.Equal(2, (int)h.Payloads(StatusChanged).Last()["status"]!);
        Assert.Equal(WorkflowStatus.Finished, h.Instance.Status);
    }

    [Fact]
    public void IssueResult_reports_status_9_and_keeps_the_result_documents_in_the_journal()
    {
        var h = OneStopModule.Harness(new FlowBuilder("t").Start().Status("received", 2).HumanTask("approve", "leader", ["approve"])
            .Activity("issue", "PublicServices.IssueResult").End()
            .Chain("start", "received", "approve").Connect("approve", "issue", "approve").Chain("issue", "end").Build());
        h.Start();

        h.Complete("approve", "approve", "Đồng ý", attachments: ["doc-result-1"], actor: Actors.Leader);

        var payload = h.Payloads(StatusChanged).Last();
        Assert.Equal((9, Actors.Leader.Name, "Đồng ý"), ((int)payload["status"]!, (string?)payload["actorName"], (string?)payload["note"]));
        Assert.Contains("doc-result-1", h.Journal.Single(j => j.ActivityId == "issue").Data, StringComparison.Ordinal);
    }

    [Fact]
    public void Notify_asks_for_a_templated_message_to_the_applicant()
    {
        var h = OneStopModule.Harness(new FlowBuilder("t").Start()
            .Activity("notify", "PublicServices.Notify", ("template", Lit("result-ready", "String")), ("data", Js("({ code: dossier.code })"))).End()
            .Chain("start", "notify", "end").Build());

        h.Start();

        var payload = h.Payloads("NotificationRequested.v1").Single();
        Assert.Equal(("result-ready", "citizen-1", "dossier-1"), ((string?)payload["template"], (string?)payload["to"], (string?)payload["dossierId"]));
        Assert.Equal("000.00.12.H10-261125-0001", (string?)payload["data"]!["code"]);
    }

    [Fact]
    public void TransferAgency_sends_later_tasks_to_the_new_agency()
    {
        var h = OneStopModule.Harness(new FlowBuilder("t").Start().Activity("transfer", "PublicServices.TransferAgency", ("agencyCode", Lit(Actors.Ward, "String")))
            .HumanTask("receive", "one_stop_desk", ["ok"]).End()
            .Chain("start", "transfer", "receive").Connect("receive", "end", "ok").Build());

        h.Start();

        Assert.Equal(Actors.Ward, h.Instance.Unit);
        Assert.Equal(Actors.Ward, h.Tasks.Single().Unit);
        var moved = h.Payloads("DossierTransferred.v1").Single();
        Assert.Equal((Actors.Centre, Actors.Ward), ((string?)moved["fromAgency"], (string?)moved["toAgency"]));
    }
}
