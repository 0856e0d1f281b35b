using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using PublicServices.Workflow.Tests.Support;

namespace PublicServices.Workflow.Tests.Integration;

/// <summary>The standard one-stop process at the service level: events in, officers' decisions, status events out.</summary>
public sealed class OneStopFlowTests(WorkflowHost host) : IClassFixture<WorkflowHost>
{
    [Fact]
    public async Task A_dossier_goes_from_submission_through_a_supplement_to_result_returned_and_every_status_leaves_once_in_order()
    {
        var dossier = Guid.NewGuid();
        using var dossiers = host.Service();
        var submitted = Envelopes.DossierSubmitted(dossier, code: $"{Agencies.Centre}-261126-0042");
        var start = await (await dossiers.PostAsJsonAsync("/api/workflow/events", submitted)).Json(HttpStatusCode.OK);
        Assert.Equal("started", (string?)start["outcome"]);
        var instanceId = (string)start["instanceId"]!;
        // The same event again, and a second event for the same dossier, start nothing new.
        Assert.Equal("duplicate", (string?)(await (await dossiers.PostAsJsonAsync("/api/workflow/events", submitted)).Json(HttpStatusCode.OK))["outcome"]);
        var other = await (await dossiers.PostAsJsonAsync("/api/workflow/events", Envelopes.DossierSubmitted(dossier))).Json(HttpStatusCode.OK);
        Assert.Equal(("already_started", instanceId), ((string?)other["outcome"], (string?)other["instanceId"]));

        using var desk = host.Officer("one_stop_desk");
        var receive = await desk.TaskOfAsync(dossier, "receive");
        Assert.Equal($"{Agencies.Centre}-261126-0042", (string?)receive["dossierCode"]);
        Assert.NotNull(receive["dueAt"]);
        await (await desk.CompleteAsync(receive["id"]!, "accept", "Hồ sơ đủ thành phần")).Json(HttpStatusCode.OK);

        using var specialist = host.Officer("specialist");
        var appraise = await specialist.TaskOfAsync(dossier, "appraise");
        await (await specialist.CompleteAsync(appraise["id"]!, "request_supplement", "Thiếu bản sao căn cước công dân",
            data: new JsonObject { ["documents"] = new JsonArray("cccd") })).Json(HttpStatusCode.OK);
        Assert.Equal([2, 4, 5], await host.OutboxStatusesAsync(dossier));
        var supplementRequest = await host.Query(db => db.Outbox.Where(o => o.Type == "DossierStatusChanged.v1").Select(o => o.Payload).ToListAsync());
        var five = supplementRequest.Select(p => JsonNode.Parse(p)!).Single(p => (string?)p["dossierId"] == dossier.ToString() && (int)p["status"]! == 5);
        Assert.Equal("Thiếu bản sao căn cước công dân", (string?)five["reason"]);
        Assert.Equal(["cccd"], five["supplement"]!["documents"]!.AsArray().Select(d => (string)d!));
        Assert.Null(five["dueAt"]); // the statutory clock stops while the applicant supplements

        var supplement = Envelopes.SupplementSubmitted(dossier);
        var resumed = await (await dossiers.PostAsJsonAsync("/api/workflow/events", supplement)).Json(HttpStatusCode.OK);
        Assert.Equal("resumed", (string?)resumed["outcome"]);
        Assert.Equal("duplicate", (string?)(await (await dossiers.PostAsJsonAsync("/api/workflow/events", supplement)).Json(HttpStatusCode.OK))["outcome"]);

        appraise = await specialist.TaskOfAsync(dossier, "appraise");
        await (await specialist.CompleteAsync(appraise["id"]!, "propose_approve", "Đủ điều kiện")).Json(HttpStatusCode.OK);
        using var leader = host.Officer("leader");
        var approve = await leader.TaskOfAsync(dossier, "approve");
        await (await leader.CompleteAsync(approve["id"]!, "approve", "Đồng ý", ["result-document-1"])).Json(HttpStatusCode.OK);

        // Decided: processed, and the documents service is asked for the result; status 10 waits until the applicant has it.
        Assert.Equal([2, 4, 5, 4, 9], await host.OutboxStatusesAsync(dossier));
        var requested = JsonNode.Parse(await host.Query(db => db.Outbox.Where(o => o.Type == "ResultRequested.v1").Select(o => o.Payload).SingleAsync()))!;
        Assert.Equal((dossier.ToString(), "Đồng ý", "result-document-1"),
            ((string?)requested["dossierId"], (string?)requested["note"], (string?)requested["documentIds"]![0]));
        var resultId = Guid.NewGuid();
        using var documents = host.Service("svc-documents");
        Assert.Equal(HttpStatusCode.Forbidden, (await dossiers.PostAsJsonAsync("/api/workflow/events",
            Envelopes.Envelope("ResultIssued.v1", new JsonObject { ["dossierId"] = dossier, ["resultId"] = resultId }))).StatusCode);
        Assert.Equal("resumed", (string?)(await (await documents.PostAsJsonAsync("/api/workflow/events",
            Envelopes.Envelope("ResultIssued.v1", new JsonObject { ["dossierId"] = dossier, ["resultId"] = resultId, ["sha256"] = "00" }))).Json(HttpStatusCode.OK))["outcome"]);
        Assert.Equal([2, 4, 5, 4, 9], await host.OutboxStatusesAsync(dossier));
        Assert.Equal("resumed", (string?)(await (await documents.PostAsJsonAsync("/api/workflow/events",
            Envelopes.Envelope("ResultDelivered.v1", new JsonObject { ["dossierId"] = dossier, ["resultId"] = resultId, ["how"] = "downloaded" }))).Json(HttpStatusCode.OK))["outcome"]);

        Assert.Equal([2, 4, 5, 4, 9, 10], await host.OutboxStatusesAsync(dossier));
        await Eventually.HoldsAsync(() => Task.FromResult(host.Dossiers.StatusesOf(dossier).Count == 6), "the dossiers service received six status changes");
        Assert.Equal([2, 4, 5, 4, 9, 10], host.Dossiers.StatusesOf(dossier));
        Assert.All(host.Dossiers.Authorizations, a => Assert.StartsWith("Bearer ", a, StringComparison.Ordinal));
        // Status changes keep their order in the payload times too, which dossiers' timeline sorts by.
        var times = host.Dossiers.Received.Where(e => (string?)e["type"] == "DossierStatusChanged.v1" && (string?)e["payload"]!["dossierId"] == dossier.ToString())
            .Select(e => DateTimeOffset.Parse((string)e["payload"]!["at"]!, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(times.Order(), times);
        Assert.Equal(times.Count, times.Distinct().Count());
        var outboxIds = await host.Query(db => db.Outbox.Where(o => o.Type == "DossierStatusChanged.v1").Select(o => o.Id).ToListAsync());
        Assert.Equal(outboxIds.Count, outboxIds.Distinct().Count());

        using var admin = host.Admin();
        var instance = await (await admin.GetAsync($"/api/workflow/instances/{instanceId}")).Json(HttpStatusCode.OK);
        Assert.Equal("finished", (string?)instance["instance"]!["status"]);
        Assert.Equal(10, (int)instance["instance"]!["dossierStatus"]!);
        Assert.Equal([("receive", "accept"), ("appraise", "request_supplement"), ("appraise", "propose_approve"), ("approve", "approve")],
            instance["tasks"]!.AsArray().Select(t => ((string)t!["activityId"]!, (string)t["outcome"]!)));
        Assert.All(instance["tasks"]!.AsArray(), t => Assert.Equal("completed", (string?)t!["status"]));

        var journal = await (await admin.GetAsync($"/api/workflow/instances/{instanceId}/journal")).JsonArray(HttpStatusCode.OK);
        var steps = journal.Select(j => ((string?)j!["activityId"], (string)j["event"]!, (string?)j["actorId"])).ToList();
        Assert.Equal(journal.Select(j => (long)j!["seq"]!), Enumerable.Range(1, journal.Count).Select(i => (long)i));
        Assert.Contains((null, "WorkflowStarted", "svc-dossiers"), steps);
        Assert.Contains(("receive", "ActivityResumed", $"one_stop_desk@{Agencies.Centre}"), steps);
        Assert.Contains(("appraise-supplement", "ActivityResumed", "svc-dossiers"), steps);
        Assert.Equal(2, steps.Count(s => s == ("appraise", "ActivityResumed", $"specialist@{Agencies.Centre}")));
        Assert.Contains(("approve", "ActivityResumed", $"leader@{Agencies.Centre}"), steps);
        Assert.Contains(("issue-result", "ActivitySuspended", $"leader@{Agencies.Centre}"), steps);
        Assert.Contains(("issue-result", "ActivityResumed", "svc-documents"), steps);
        Assert.Contains(("await-delivery", "ActivityResumed", "svc-documents"), steps);
        Assert.Contains(("result-returned", "ActivityExecuted", "svc-documents"), steps);
        Assert.Equal("WorkflowFinished", steps[^1].Item2);
        Assert.All(journal, j => Assert.NotNull(j!["at"]));
    }

    [Fact]
    public async Task A_dossier_the_desk_refuses_is_reported_not_received_with_the_reason_and_the_workflow_ends()
    {
        var dossier = Guid.NewGuid();
        var instanceId = await host.SubmitAsync(dossier, agency: Agencies.Ward, statutoryWorkingDays: 3);
        using var centreDesk = host.Officer("one_stop_desk");
        Assert.DoesNotContain(await centreDesk.InboxAsync("?pageSize=200"), t => (string?)t["correlationId"] == dossier.ToString());
        using var wardDesk = host.Officer("one_stop_desk", Agencies.Ward);
        var receive = await wardDesk.TaskOfAsync(dossier, "receive");
        await (await wardDesk.CompleteAsync(receive["id"]!, "refuse", "Không thuộc thẩm quyền giải quyết")).Json(HttpStatusCode.OK);

        Assert.Equal([3], await host.OutboxStatusesAsync(dossier));
        var payload = await host.Query(db => db.Outbox.Where(o => o.Type == "DossierStatusChanged.v1").Select(o => o.Payload).ToListAsync());
        Assert.Contains(payload.Select(p => JsonNode.Parse(p)!), p => (string?)p["dossierId"] == dossier.ToString()
            && (string?)p["reason"] == "Không thuộc thẩm quyền giải quyết");
        using var admin = host.Admin();
        var instance = await (await admin.GetAsync($"/api/workflow/instances/{instanceId}")).Json(HttpStatusCode.OK);
        Assert.Equal("finished", (string?)instance["instance"]!["status"]);
        Assert.Equal(Agencies.Ward, (string?)instance["instance"]!["agencyCode"]);

        var listed = await (await admin.GetAsync($"/api/workflow/instances?correlationId={dossier}&status=finished&agency={Agencies.Ward}")).Json(HttpStatusCode.OK);
        Assert.Equal([instanceId.ToString()], listed["items"]!.AsArray().Select(i => (string)i!["id"]!));
        Assert.Empty((await (await admin.GetAsync($"/api/workflow/instances?correlationId={dossier}&status=suspended")).Json(HttpStatusCode.OK))["items"]!.AsArray());
        Assert.Contains("status", (await (await admin.GetAsync("/api/workflow/instances?status=2")).FieldErrors()).Keys);
        // An ended instance cannot be cancelled, and has no incident to retry.
        await (await admin.PostAsync($"/api/workflow/instances/{instanceId}/cancel", null)).Problem(HttpStatusCode.Conflict);
        await (await admin.PostAsync($"/api/workflow/instances/{instanceId}/retry", null)).Problem(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_failing_step_becomes_an_incident_that_an_admin_sees_and_retries()
    {
        using var admin = host.Admin();
        var faulty = new Flow("faulty").Start().Activity("status", "PublicServices.SetDossierStatus",
                ("status", new JsonObject { ["typeName"] = "Int32", ["expression"] = new JsonObject { ["type"] = "JavaScript", ["value"] = "input.missing.field" } }))
            .Finish().Chain("start", "status", "finish").Build(isPublished: true);
        await (await admin.PostAsJsonAsync("/api/workflow/definitions/import", faulty)).Json(HttpStatusCode.Created);

        var instanceId = await host.SubmitAsync(Guid.NewGuid(), workflow: "faulty");
        var detail = await (await admin.GetAsync($"/api/workflow/instances/{instanceId}")).Json(HttpStatusCode.OK);
        Assert.Equal("faulted", (string?)detail["instance"]!["status"]);
        var incident = Assert.Single(detail["incidents"]!.AsArray())!;
        Assert.Equal(("status", 1), ((string?)incident["activityId"], (int)incident["attempts"]!));
        var faulted = await (await admin.GetAsync("/api/workflow/instances?status=faulted&definitionId=faulty")).Json(HttpStatusCode.OK);
        Assert.Contains(faulted["items"]!.AsArray(), i => (string?)i!["id"] == instanceId.ToString());

        var retried = await (await admin.PostAsync($"/api/workflow/instances/{instanceId}/retry", null)).Json(HttpStatusCode.OK);
        Assert.Equal("faulted", (string?)retried["status"]); // the cause is still there: the incident counts the attempt
        detail = await (await admin.GetAsync($"/api/workflow/instances/{instanceId}")).Json(HttpStatusCode.OK);
        Assert.Equal(2, (int)Assert.Single(detail["incidents"]!.AsArray())!["attempts"]!);
        Assert.Empty(await host.OutboxStatusesAsync(Guid.Parse((string)detail["instance"]!["correlationId"]!)));
    }

    [Fact]
    public async Task Cancelling_an_instance_withdraws_its_open_tasks_from_the_inbox()
    {
        var dossier = Guid.NewGuid();
        var instanceId = await host.SubmitAsync(dossier);
        using var desk = host.Officer("one_stop_desk");
        var receive = await desk.TaskOfAsync(dossier, "receive");
        using var admin = host.Admin();
        var cancelled = await (await admin.PostAsJsonAsync($"/api/workflow/instances/{instanceId}/cancel", new { reason = "Hồ sơ rút" })).Json(HttpStatusCode.OK);
        Assert.Equal("cancelled", (string?)cancelled["status"]);
        Assert.DoesNotContain(await desk.InboxAsync("?pageSize=200"), t => (string?)t["correlationId"] == dossier.ToString());
        await (await desk.CompleteAsync(receive["id"]!, "accept")).Problem(HttpStatusCode.Conflict);
        var journal = await (await admin.GetAsync($"/api/workflow/instances/{instanceId}/journal")).JsonArray(HttpStatusCode.OK);
        Assert.Equal(("WorkflowCancelled", "admin"), ((string)journal[^1]!["event"]!, (string?)journal[^1]!["actorId"]));
    }

    [Fact]
    public async Task A_withdrawn_dossier_cancels_its_workflow_and_its_tasks_leave_the_inbox()
    {
        var dossier = Guid.NewGuid();
        var instanceId = await host.SubmitAsync(dossier);
        using var desk = host.Officer("one_stop_desk");
        var receive = await desk.TaskOfAsync(dossier, "receive");
        using var dossiers = host.Service();
        var withdrawn = Envelopes.DossierWithdrawn(dossier);
        var outcome = await (await dossiers.PostAsJsonAsync("/api/workflow/events", withdrawn)).Json(HttpStatusCode.OK);
        Assert.Equal(("cancelled", instanceId.ToString()), ((string?)outcome["outcome"], (string?)outcome["instanceId"]));
        Assert.Equal("duplicate", (string?)(await (await dossiers.PostAsJsonAsync("/api/workflow/events", withdrawn)).Json(HttpStatusCode.OK))["outcome"]);
        Assert.DoesNotContain(await desk.InboxAsync("?pageSize=200"), t => (string?)t["correlationId"] == dossier.ToString());
        await (await desk.CompleteAsync(receive["id"]!, "accept")).Problem(HttpStatusCode.Conflict);
        // A dossier whose workflow never started leaves nothing to cancel.
        var unknown = await (await dossiers.PostAsJsonAsync("/api/workflow/events", Envelopes.DossierWithdrawn(Guid.NewGuid()))).Json(HttpStatusCode.OK);
        Assert.Equal("nothing_waiting", (string?)unknown["outcome"]);
    }

    [Fact]
    public async Task Bad_events_are_refused_with_field_errors_and_a_submission_without_its_agency_or_statutory_limit_starts_nothing()
    {
        using var dossiers = host.Service();
        var missing = Envelopes.DossierSubmitted(Guid.NewGuid());
        missing["payload"]!["procedureCode"] = null;
        Assert.Contains("payload.procedureCode", (await (await dossiers.PostAsJsonAsync("/api/workflow/events", missing)).FieldErrors()).Keys);
        var emptyId = Envelopes.DossierSubmitted(Guid.NewGuid(), id: Guid.Empty);
        Assert.Contains("id", (await (await dossiers.PostAsJsonAsync("/api/workflow/events", emptyId)).FieldErrors()).Keys);
        var noId = Envelopes.DossierSubmitted(Guid.NewGuid());
        noId["id"] = null;
        await (await dossiers.PostAsJsonAsync("/api/workflow/events", noId)).Problem(HttpStatusCode.BadRequest);
        var unknownType = Envelopes.Envelope("Unheard.v1", new JsonObject());
        await (await dossiers.PostAsJsonAsync("/api/workflow/events", unknownType)).Problem(HttpStatusCode.BadRequest);

        // The event must carry the procedure as submitted: the workflow does not ask the catalog for what it lacks.
        var dossier = Guid.NewGuid();
        var incomplete = Envelopes.DossierSubmitted(dossier);
        incomplete["payload"]!.AsObject().Remove("agencyCode");
        incomplete["payload"]!.AsObject().Remove("statutoryWorkingDays");
        using var english = host.Client(host.Tokens.Service(WorkflowHost.Audience, "svc-dossiers"), "en");
        var errors = await (await english.PostAsJsonAsync("/api/workflow/events", incomplete)).FieldErrors();
        Assert.Equal(["payload.agencyCode", "payload.statutoryWorkingDays"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["The agency code is required."], errors["payload.agencyCode"]);
        Assert.False(await host.Query(db => db.Instances.AnyAsync(i => i.CorrelationId == dossier.ToString())));
        // Nothing of the refused event was recorded: the producer's corrected event starts the workflow.
        incomplete["payload"]!["agencyCode"] = Agencies.Centre;
        incomplete["payload"]!["statutoryWorkingDays"] = 5;
        Assert.Equal("started", (string?)(await (await dossiers.PostAsJsonAsync("/api/workflow/events", incomplete)).Json(HttpStatusCode.OK))["outcome"]);
    }

    [Fact]
    public async Task A_submission_starts_the_workflow_it_names_with_the_agency_and_statutory_limit_it_carries()
    {
        using var dossiers = host.Service();
        var envelope = Envelopes.DossierSubmitted(Guid.NewGuid(), agency: Agencies.Ward, statutoryWorkingDays: 12, workflow: "one-stop-standard");
        var started = await (await dossiers.PostAsJsonAsync("/api/workflow/events", envelope)).Json(HttpStatusCode.OK);
        Assert.Equal("started", (string?)started["outcome"]);
        using var admin = host.Admin();
        var instance = (await (await admin.GetAsync($"/api/workflow/instances/{started["instanceId"]}")).Json(HttpStatusCode.OK))["instance"]!;
        Assert.Equal(12m, (decimal)instance["statutoryWorkingDays"]!);
        Assert.Equal(Agencies.Ward, (string?)instance["agencyCode"]);
        Assert.Equal("one-stop-standard", (string?)instance["definitionId"]);

        var negative = Envelopes.DossierSubmitted(Guid.NewGuid(), statutoryWorkingDays: -1);
        Assert.Contains("payload.statutoryWorkingDays",
            (await (await dossiers.PostAsJsonAsync("/api/workflow/events", negative)).FieldErrors()).Keys);
    }

    [Fact]
    public async Task A_batch_of_events_starts_each_dossier_once_and_answers_each_event_as_alone()
    {
        using var dossiers = host.Service();
        var (first, second) = (Guid.NewGuid(), Guid.NewGuid());
        var one = Envelopes.DossierSubmitted(first);
        var unknown = Envelopes.DossierSubmitted(Guid.NewGuid());
        unknown["payload"]!.AsObject().Remove("agencyCode");
        var batch = new JsonObject
        {
            ["events"] = new JsonArray(one, Envelopes.DossierSubmitted(second), one.DeepClone(), unknown, Envelopes.DossierSubmitted(first)),
        };
        var answer = await (await dossiers.PostAsJsonAsync("/api/workflow/events/batch", batch)).Json(HttpStatusCode.OK);

        var results = answer["results"]!.AsArray();
        Assert.Equal([200, 200, 200, 400, 200], results.Select(r => (int)r!["status"]!));
        Assert.Equal(["started", "started", "duplicate", null, "already_started"], results.Select(r => (string?)r!["body"]?["outcome"]));
        Assert.Equal((string?)results[0]!["body"]!["instanceId"], (string?)results[4]!["body"]!["instanceId"]);
        using var desk = host.Officer("one_stop_desk");
        Assert.NotNull(await desk.TaskOfAsync(first, "receive"));
        Assert.NotNull(await desk.TaskOfAsync(second, "receive"));
    }
}
