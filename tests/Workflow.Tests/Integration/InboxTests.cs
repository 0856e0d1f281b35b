using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using PublicServices.OneStop.Dossiers;
using PublicServices.Workflow.Tests.Support;
using PublicServices.WorkflowEngine.Execution;
using PublicServices.WorkflowEngine.Runtime;

namespace PublicServices.Workflow.Tests.Integration;

/// <summary>The officer inbox: the caller's agency and roles, earliest deadline first, filters; claim and complete rules.</summary>
public sealed class InboxTests(WorkflowHost host) : IClassFixture<WorkflowHost>
{
    [Fact]
    public async Task Tasks_come_earliest_deadline_first_and_the_search_finds_them_by_dossier_code()
    {
        var days = new[] { 12, 3, 6 };
        var dossiers = new List<Guid>();
        foreach (var d in days)
        {
            var dossier = Guid.NewGuid();
            await host.SubmitAsync(dossier, $"{Agencies.Centre}-SORT-{d:00}", statutoryWorkingDays: d);
            dossiers.Add(dossier);
        }
        using var desk = host.Officer("one_stop_desk");
        var inbox = await desk.InboxAsync("?q=sort-");
        Assert.Equal([dossiers[1], dossiers[2], dossiers[0]], inbox.Select(t => Guid.Parse((string)t["correlationId"]!)));
        var due = inbox.Select(t => DateTimeOffset.Parse((string)t["dueAt"]!, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(due.Order(), due);
        Assert.Single(await desk.InboxAsync($"?q={Agencies.Centre}-sort-03"));
        Assert.Empty(await desk.InboxAsync("?q=no-such-dossier"));

        var firstPage = await (await desk.GetAsync("/api/workflow/tasks?q=sort-&pageSize=2")).Json(HttpStatusCode.OK);
        Assert.True((bool)firstPage["hasMore"]!);
        var secondPage = await (await desk.GetAsync("/api/workflow/tasks?q=sort-&pageSize=2&page=2")).Json(HttpStatusCode.OK);
        Assert.Equal([dossiers[0].ToString()], secondPage["items"]!.AsArray().Select(t => (string)t!["correlationId"]!));
    }

    [Fact]
    public async Task The_overdue_filter_separates_tasks_past_their_deadline()
    {
        // A dossier received a month ago: its desk task's half-day budget ran out long since.
        var old = Guid.NewGuid();
        host.Clock.Offset = TimeSpan.FromDays(-30);
        try
        {
            var started = await host.Runtime.StartAsync(new StartWorkflowRequest("one-stop-standard", old.ToString(), new WorkflowActor("svc-dossiers", "svc-dossiers"))
            {
                Unit = Agencies.Centre, Reference = $"{Agencies.Centre}-LATE-0001", Properties = DossierProperties.Initial(3),
            });
            Assert.Equal(StartStatus.Started, started.Status);
        }
        finally
        {
            host.Clock.Offset = TimeSpan.Zero;
        }
        var fresh = Guid.NewGuid();
        await host.SubmitAsync(fresh, code: $"{Agencies.Centre}-LATE-0002");

        using var desk = host.Officer("one_stop_desk");
        var overdue = await desk.InboxAsync("?q=late-&overdue=true");
        Assert.Equal([old.ToString()], overdue.Select(t => (string)t["correlationId"]!));
        Assert.True((bool)overdue[0]["isOverdue"]!);
        var onTime = await desk.InboxAsync("?q=late-&overdue=false");
        Assert.Equal([fresh.ToString()], onTime.Select(t => (string)t["correlationId"]!));
        Assert.Equal(2, (await desk.InboxAsync("?q=late-")).Count);
    }

    [Fact]
    public async Task A_claimed_task_is_the_claimers_alone_until_released()
    {
        var dossier = Guid.NewGuid();
        await host.SubmitAsync(dossier, code: $"{Agencies.Centre}-CLAIM-0001");
        using var desk = host.Officer("one_stop_desk", subject: "desk-a");
        using var colleague = host.Officer("one_stop_desk", subject: "desk-b");
        var task = await desk.TaskOfAsync(dossier, "receive");
        var id = (string)task["id"]!;

        var claimed = await (await desk.PostAsync($"/api/workflow/tasks/{id}/claim", null)).Json(HttpStatusCode.OK);
        Assert.Equal(("claimed", "desk-a"), ((string?)claimed["status"], (string?)claimed["claimedBy"]));
        Assert.Equal([id], (await desk.InboxAsync("?mine=true&q=claim-")).Select(t => (string)t["id"]!));
        Assert.Empty(await colleague.InboxAsync("?mine=true&q=claim-"));
        await (await colleague.PostAsync($"/api/workflow/tasks/{id}/claim", null)).Problem(HttpStatusCode.Conflict);
        await (await colleague.CompleteAsync(id, "accept")).Problem(HttpStatusCode.Conflict);
        await (await colleague.PostAsync($"/api/workflow/tasks/{id}/release", null)).Problem(HttpStatusCode.Conflict);

        var released = await (await desk.PostAsync($"/api/workflow/tasks/{id}/release", null)).Json(HttpStatusCode.OK);
        Assert.Equal("open", (string?)released["status"]);
        await (await colleague.CompleteAsync(id, "accept")).Json(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Completing_with_a_bad_outcome_is_400_and_completing_twice_is_409_with_no_second_effect()
    {
        var dossier = Guid.NewGuid();
        await host.SubmitAsync(dossier, code: $"{Agencies.Centre}-TWICE-0001");
        using var desk = host.Officer("one_stop_desk");
        using var deskEn = host.Officer("one_stop_desk", language: "en");
        var id = (await desk.TaskOfAsync(dossier, "receive"))["id"]!;

        var vi = await (await desk.CompleteAsync(id, "approve")).FieldErrors();
        Assert.Contains("accept, refuse, supplement", Assert.Single(vi["outcome"]), StringComparison.Ordinal);
        var en = await (await deskEn.CompleteAsync(id, "approve")).FieldErrors();
        Assert.StartsWith("The outcome 'approve' is not allowed", Assert.Single(en["outcome"]), StringComparison.Ordinal);
        Assert.Contains("outcome", (await (await desk.PostAsJsonAsync($"/api/workflow/tasks/{id}/complete", new { comment = "?" })).FieldErrors()).Keys);
        var tooLong = await desk.PostAsJsonAsync($"/api/workflow/tasks/{id}/complete", new { outcome = "accept", comment = new string('x', 4001) });
        Assert.Contains("comment", (await tooLong.FieldErrors()).Keys);

        var done = await (await desk.CompleteAsync(id, "accept", "Đủ hồ sơ")).Json(HttpStatusCode.OK);
        Assert.Equal("suspended", (string?)done["instanceStatus"]);
        var effects = await host.Query(db => db.Outbox.CountAsync());
        var journal = await host.Query(db => db.Journal.CountAsync());

        var twice = await (await desk.CompleteAsync(id, "accept", "Lần hai")).Problem(HttpStatusCode.Conflict);
        Assert.NotNull(twice["title"]);
        await (await desk.CompleteAsync(id, "refuse", "Đổi ý")).Problem(HttpStatusCode.Conflict);
        Assert.Equal(effects, await host.Query(db => db.Outbox.CountAsync()));
        Assert.Equal(journal, await host.Query(db => db.Journal.CountAsync()));
        var task = await (await desk.GetAsync($"/api/workflow/tasks/{(string)id!}")).Json(HttpStatusCode.OK);
        Assert.Equal(("completed", "accept", "Đủ hồ sơ"), ((string?)task["status"], (string?)task["outcome"], (string?)task["comment"]));
    }

    [Fact]
    public async Task An_apology_letter_moves_the_due_date_once_and_the_dossier_learns_the_new_date()
    {
        var dossier = Guid.NewGuid();
        var instanceId = await host.SubmitAsync(dossier, code: $"{Agencies.Centre}-SORRY-0001");
        using var desk = host.Officer("one_stop_desk");
        var receive = (string)(await desk.TaskOfAsync(dossier, "receive"))["id"]!;
        var notYet = new { newDueAt = DateTimeOffset.UtcNow.AddDays(40), reason = "Cần xác minh thêm" };
        await (await desk.PostAsJsonAsync($"/api/workflow/tasks/{receive}/apology", notYet)).Problem(HttpStatusCode.UnprocessableEntity);
        await (await desk.CompleteAsync(receive, "accept")).Json(HttpStatusCode.OK);
        await (await desk.PostAsJsonAsync($"/api/workflow/tasks/{receive}/apology", notYet)).Problem(HttpStatusCode.Conflict);

        using var specialist = host.Officer("specialist");
        var appraise = (string)(await specialist.TaskOfAsync(dossier, "appraise"))["id"]!;
        using var admin = host.Admin();
        var before = DateTimeOffset.Parse((string)(await (await admin.GetAsync($"/api/workflow/instances/{instanceId}")).Json(HttpStatusCode.OK))["instance"]!["dueAt"]!,
            CultureInfo.InvariantCulture);
        Assert.Contains("reason", (await (await specialist.PostAsJsonAsync($"/api/workflow/tasks/{appraise}/apology",
            new { newDueAt = before.AddDays(10) })).FieldErrors()).Keys);

        var moved = await (await specialist.PostAsJsonAsync($"/api/workflow/tasks/{appraise}/apology",
            new { newDueAt = before.AddDays(10), reason = "Cần xác minh thêm với cơ quan khác" })).Json(HttpStatusCode.OK);
        var after = DateTimeOffset.Parse((string)moved["dueAt"]!, CultureInfo.InvariantCulture);
        Assert.True(after > before, $"{after} is later than {before}");
        var told = await host.Query(db => db.Outbox.Where(o => o.Type == "DossierStatusChanged.v1").OrderBy(o => o.OccurredAt).Select(o => o.Payload).ToListAsync());
        var last = told.Select(p => System.Text.Json.Nodes.JsonNode.Parse(p)!).Last(p => (string?)p["dossierId"] == dossier.ToString());
        Assert.Equal((4, "Cần xác minh thêm với cơ quan khác"), ((int)last["status"]!, (string?)last["reason"]));
        Assert.Equal(after, DateTimeOffset.Parse((string)last["dueAt"]!, CultureInfo.InvariantCulture));

        var again = await (await specialist.PostAsJsonAsync($"/api/workflow/tasks/{appraise}/apology",
            new { newDueAt = after.AddDays(5), reason = "Lần nữa" })).Problem(HttpStatusCode.UnprocessableEntity);
        Assert.False(string.IsNullOrWhiteSpace((string?)again["detail"]));
    }

    [Fact]
    public async Task The_next_officer_reads_the_earlier_decisions_with_their_attachments_and_nobody_else_does()
    {
        var dossier = Guid.NewGuid();
        await host.SubmitAsync(dossier, code: $"{Agencies.Centre}-EARLIER-0001");
        using var desk = host.Officer("one_stop_desk");
        var receive = (await desk.TaskOfAsync(dossier, "receive"))["id"]!;
        var paper = Guid.NewGuid().ToString();
        await (await desk.CompleteAsync(receive, "accept", "Đủ hồ sơ", [paper])).Json(HttpStatusCode.OK);

        using var specialist = host.Officer("specialist");
        var appraise = (string)(await specialist.TaskOfAsync(dossier, "appraise"))["id"]!;
        var decisions = await (await specialist.GetAsync($"/api/workflow/tasks/{appraise}/decisions")).JsonArray(HttpStatusCode.OK);
        var earlier = Assert.Single(decisions)!;
        Assert.Equal(("receive", "accept", "Đủ hồ sơ"), ((string?)earlier["activityId"], (string?)earlier["outcome"], (string?)earlier["comment"]));
        Assert.Equal([paper], earlier["attachments"]!.AsArray().Select(a => (string)a!));

        using var otherAgency = host.Officer("specialist", Agencies.Ward);
        await (await otherAgency.GetAsync($"/api/workflow/tasks/{appraise}/decisions")).Problem(HttpStatusCode.Forbidden);
        using var citizen = host.Citizen();
        Assert.Equal(HttpStatusCode.Forbidden, (await citizen.GetAsync($"/api/workflow/tasks/{appraise}/decisions")).StatusCode);
        await (await specialist.GetAsync($"/api/workflow/tasks/{Guid.NewGuid()}/decisions")).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Unknown_tasks_are_404_and_bad_filters_are_field_errors()
    {
        using var desk = host.Officer("one_stop_desk");
        var unknown = Guid.NewGuid();
        await (await desk.GetAsync($"/api/workflow/tasks/{unknown}")).Problem(HttpStatusCode.NotFound);
        await (await desk.PostAsync($"/api/workflow/tasks/{unknown}/claim", null)).Problem(HttpStatusCode.NotFound);
        await (await desk.CompleteAsync(unknown.ToString(), "accept")).Problem(HttpStatusCode.NotFound);
        var errors = await (await desk.GetAsync("/api/workflow/tasks?overdue=maybe&pageSize=0&page=x")).FieldErrors();
        Assert.Equal(["overdue", "page", "pageSize"], errors.Keys.Order());
    }
}
