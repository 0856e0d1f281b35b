using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using PublicServices.Dossiers.Tests.StandIns;
using PublicServices.Testing;

namespace PublicServices.Dossiers.Tests.Messaging;

/// <summary>POST /api/dossiers/events: the workflow's status changes reach the dossier, once each.</summary>
public sealed class DossierEventsTests(DossiersHost host) : IClassFixture<DossiersHost>
{
    const string Applicant = "citizen-events";

    async Task<Guid> NewDossierAsync() => Guid.Parse((string)(await host.SubmitAsync(Applicant))["id"]!);

    async Task<JsonObject> ReadAsync(Guid id)
    {
        using var owner = host.Citizen(Applicant);
        return await (await owner.GetAsync($"/api/dossiers/{id}")).Json(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_status_change_sets_the_status_the_due_date_and_a_timeline_entry()
    {
        var id = await NewDossierAsync();
        var due = new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.FromHours(7));
        using var workflow = host.Workflow();
        var change = new StatusChange(id, 2) { Note = "Đã tiếp nhận tại bộ phận một cửa", DueAt = due };
        Assert.Equal(HttpStatusCode.OK, (await change.SendAsync(workflow)).StatusCode);

        var dossier = await ReadAsync(id);
        Assert.Equal(2, (int)dossier["status"]!["code"]!);
        Assert.Equal(due, DateTimeOffset.Parse((string)dossier["dueAt"]!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Null(dossier["supplementRequest"]);
        var timeline = dossier["timeline"]!.AsArray();
        Assert.Equal(2, timeline.Count);
        var entry = timeline[^1]!;
        Assert.Equal(2, (int)entry["status"]!["code"]!);
        Assert.Equal("specialist@000.20.01.H10", (string)entry["actorId"]!);
        Assert.Equal("Trần Thị Chuyên Viên", (string)entry["actorName"]!);
        Assert.Equal("Đã tiếp nhận tại bộ phận một cửa", (string)entry["note"]!);
    }

    [Fact]
    public async Task The_same_event_delivered_twice_adds_one_timeline_entry()
    {
        var id = await NewDossierAsync();
        using var workflow = host.Workflow();
        var change = new StatusChange(id, 2) { Note = "Đã tiếp nhận tại bộ phận một cửa" };
        Assert.Equal(HttpStatusCode.OK, (await change.SendAsync(workflow)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await change.SendAsync(workflow)).StatusCode);

        Assert.Equal(2, (await ReadAsync(id))["timeline"]!.AsArray().Count);
        Assert.Equal(1, await host.Query(db => db.Inbox.CountAsync(r => r.EventId == change.EventId)));
    }

    [Fact]
    public async Task Concurrent_deliveries_of_one_event_take_effect_once()
    {
        var id = await NewDossierAsync();
        var change = new StatusChange(id, 2);
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            using var workflow = host.Workflow();
            return (await change.SendAsync(workflow)).StatusCode;
        }));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a));
        Assert.Equal(1, await host.Query(db => db.Timeline.CountAsync(t => t.DossierId == id && t.Status == Contracts.Dossiers.DossierStatus.Received)));
    }

    [Fact]
    public async Task A_supplement_request_is_shown_with_its_reason_and_documents()
    {
        var id = await NewDossierAsync();
        var change = await host.RequestSupplementAsync(id, Procedures.BirthCertificate, Procedures.MarriageCertificate);

        var dossier = await ReadAsync(id);
        Assert.Equal(5, (int)dossier["status"]!["code"]!);
        var request = dossier["supplementRequest"]!;
        Assert.Equal(change.EventId, Guid.Parse((string)request["id"]!));
        Assert.Equal("Giấy chứng sinh bị mờ, đề nghị nộp lại bản rõ.", (string)request["reason"]!);
        Assert.Equal([Procedures.BirthCertificate, Procedures.MarriageCertificate], request["documents"]!.AsArray().Select(d => (string)d!));
        Assert.Equal("Trần Thị Chuyên Viên", (string)request["requestedByName"]!);
        Assert.Equal("Giấy chứng sinh bị mờ, đề nghị nộp lại bản rõ.", (string)dossier["timeline"]!.AsArray()[^1]!["reason"]!);
    }

    /// <summary>A new dossier received at now + 1 s and in processing from now + 3 s.</summary>
    async Task<(Guid Id, DateTimeOffset Now)> ReceivedThenProcessingAsync(HttpClient workflow)
    {
        var id = await NewDossierAsync();
        var now = DateTimeOffset.UtcNow;
        Assert.Equal(HttpStatusCode.OK, (await new StatusChange(id, 2) { At = now.AddSeconds(1) }.SendAsync(workflow)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await new StatusChange(id, 4) { At = now.AddSeconds(3) }.SendAsync(workflow)).StatusCode);
        return (id, now);
    }

    [Fact]
    public async Task A_late_event_enters_the_timeline_but_does_not_undo_a_newer_status()
    {
        using var workflow = host.Workflow();
        var (id, now) = await ReceivedThenProcessingAsync(workflow);
        Assert.Equal(HttpStatusCode.OK, (await new StatusChange(id, 2) { At = now.AddSeconds(2), Note = "muộn" }.SendAsync(workflow)).StatusCode);

        var dossier = await ReadAsync(id);
        Assert.Equal(4, (int)dossier["status"]!["code"]!);
        Assert.Equal([1, 2, 2, 4], dossier["timeline"]!.AsArray().Select(t => (int)t!["status"]!["code"]!));
    }

    [Theory]
    [InlineData(4, "Hồ sơ đang ở trạng thái 1, không được chuyển sang trạng thái 4.")] // processing before it was received
    [InlineData(10, "Hồ sơ đang ở trạng thái 1, không được chuyển sang trạng thái 10.")] // a result for a dossier nobody received
    public async Task A_change_the_status_machine_does_not_allow_is_refused_and_stores_nothing(int status, string title)
    {
        var id = await NewDossierAsync();
        using var workflow = host.Workflow();
        var change = new StatusChange(id, status);

        var outbox = await host.Query(db => db.Outbox.CountAsync());

        var problem = await (await change.SendAsync(workflow)).Problem(HttpStatusCode.UnprocessableEntity);

        Assert.Equal(title, (string)problem["title"]!);
        Assert.Equal((1, status), ((int)problem["from"]!, (int)problem["to"]!));
        var dossier = await ReadAsync(id);
        Assert.Equal(1, (int)dossier["status"]!["code"]!);
        Assert.Single(dossier["timeline"]!.AsArray());
        Assert.Equal(0, await host.Query(db => db.Inbox.CountAsync(r => r.EventId == change.EventId)));
        Assert.Equal(outbox, await host.Query(db => db.Outbox.CountAsync()));
    }

    [Fact]
    public async Task A_late_event_must_fit_where_it_falls_in_the_timeline_or_it_is_refused_and_stores_nothing()
    {
        using var workflow = host.Workflow();
        var (id, now) = await ReceivedThenProcessingAsync(workflow);

        // Dated before the dossier was filed: no status may precede "new".
        var beforeFiling = new StatusChange(id, 10) { At = now.AddHours(-1) };
        var problem = await (await beforeFiling.SendAsync(workflow)).Problem(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(10, (int)problem["to"]!);
        // Between "received" and "processing": "not received" may not follow "received", and nothing follows it.
        var notReceived = new StatusChange(id, 3) { At = now.AddSeconds(2), Reason = "Thiếu giấy tờ" };
        problem = await (await notReceived.SendAsync(workflow)).Problem(HttpStatusCode.UnprocessableEntity);
        Assert.Equal((2, 3), ((int)problem["from"]!, (int)problem["to"]!));

        var dossier = await ReadAsync(id);
        Assert.Equal(4, (int)dossier["status"]!["code"]!);
        Assert.Equal([1, 2, 4], dossier["timeline"]!.AsArray().Select(t => (int)t!["status"]!["code"]!));
        Assert.Equal(0, await host.Query(db => db.Inbox.CountAsync(r => r.EventId == beforeFiling.EventId || r.EventId == notReceived.EventId)));
    }

    [Fact]
    public async Task A_dossier_that_was_not_received_takes_no_further_status()
    {
        var id = await NewDossierAsync();
        using var workflow = host.Workflow();
        Assert.Equal(HttpStatusCode.OK, (await new StatusChange(id, 3) { Reason = "Thiếu giấy chứng sinh" }.SendAsync(workflow)).StatusCode);

        await (await new StatusChange(id, 2).SendAsync(workflow)).Problem(HttpStatusCode.UnprocessableEntity);

        Assert.Equal(3, (int)(await ReadAsync(id))["status"]!["code"]!);
    }

    [Fact]
    public async Task Only_the_workflow_service_may_send_status_changes()
    {
        var id = await NewDossierAsync();
        var change = new StatusChange(id, 9);
        using var citizen = host.Citizen(Applicant);
        await (await change.SendAsync(citizen)).Problem(HttpStatusCode.Forbidden);
        using var officer = host.Officer(Procedures.WardAgency, "leader");
        Assert.Equal(HttpStatusCode.Forbidden, (await change.SendAsync(officer)).StatusCode);
        using var payments = host.Client(host.Tokens.Service(DossiersHost.Audience, "svc-payments"));
        await (await change.SendAsync(payments)).Problem(HttpStatusCode.Forbidden);
        using var anonymous = host.Client();
        Assert.Equal(HttpStatusCode.Unauthorized, (await change.SendAsync(anonymous)).StatusCode);

        Assert.Equal(1, (int)(await ReadAsync(id))["status"]!["code"]!);
        Assert.Equal(0, await host.Query(db => db.Inbox.CountAsync(r => r.EventId == change.EventId)));
    }

    [Fact]
    public async Task Malformed_events_are_refused_with_field_errors_in_the_callers_language()
    {
        var id = await NewDossierAsync();
        using var workflow = host.Workflow();
        var badStatus = await (await new StatusChange(id, 11).SendAsync(workflow)).FieldErrors();
        Assert.Contains("payload.status", badStatus.Keys);
        Assert.Equal("Trạng thái phải từ 1 đến 10.", badStatus["payload.status"].Single());

        using var english = host.Client(host.Tokens.Service(DossiersHost.Audience, "svc-workflow"), "en");
        var noReason = await (await new StatusChange(id, 3).SendAsync(english)).FieldErrors();
        Assert.Equal("A refusal or a supplement request must state its reason.", noReason["payload.reason"].Single());

        var envelope = await (await workflow.PostAsJsonAsync("/api/dossiers/events", new JsonObject { ["type"] = "DossierStatusChanged.v1" })).FieldErrors();
        Assert.Equal(["id", "payload"], envelope.Keys.Order());

        var unknown = await (await new StatusChange(id, 2) { Type = "DossierArchived.v1" }.SendAsync(workflow)).Problem(HttpStatusCode.BadRequest);
        Assert.Equal("DossierArchived.v1", (string)unknown["detail"]!);
        Assert.Equal(1, (int)(await ReadAsync(id))["status"]!["code"]!);
    }

    [Fact]
    public async Task An_event_for_an_unknown_dossier_is_404_and_is_not_recorded()
    {
        using var workflow = host.Workflow();
        var change = new StatusChange(Guid.NewGuid(), 2);
        await (await change.SendAsync(workflow)).Problem(HttpStatusCode.NotFound);
        Assert.Equal(0, await host.Query(db => db.Inbox.CountAsync(r => r.EventId == change.EventId)));
    }

    [Fact]
    public async Task A_batch_is_handled_in_order_and_each_event_gets_the_answer_it_would_get_alone()
    {
        var id = await NewDossierAsync();
        using var workflow = host.Workflow();
        var received = new StatusChange(id, 2) { Note = "Đã tiếp nhận" };
        var processing = new StatusChange(id, 4) { At = received.At.AddSeconds(1) };
        var malformed = new StatusChange(id, 11);
        var unknownDossier = new StatusChange(Guid.NewGuid(), 2);
        var batch = new JsonObject
        {
            ["events"] = new JsonArray(received.Envelope(), malformed.Envelope(), processing.Envelope(), unknownDossier.Envelope(), received.Envelope()),
        };
        var answer = await (await workflow.PostAsJsonAsync("/api/dossiers/events/batch", batch)).Json(HttpStatusCode.OK);

        var results = answer["results"]!.AsArray().Select(r => ((Guid)r!["id"]!, (int)r["status"]!)).ToList();
        Assert.Equal([(received.EventId, 200), (malformed.EventId, 400), (processing.EventId, 200), (unknownDossier.EventId, 404), (received.EventId, 200)], results);
        Assert.Contains("payload.status", answer["results"]![1]!["body"]!["errors"]!.AsObject().Select(e => e.Key));
        var dossier = await ReadAsync(id);
        Assert.Equal(4, (int)dossier["status"]!["code"]!);
        Assert.Equal([1, 2, 4], dossier["timeline"]!.AsArray().Select(t => (int)t!["status"]!["code"]!));
    }

    [Fact]
    public async Task A_batch_is_refused_to_anyone_but_the_producers_of_its_events_and_when_empty()
    {
        var id = await NewDossierAsync();
        var batch = new JsonObject { ["events"] = new JsonArray(new StatusChange(id, 9).Envelope()) };
        using var citizen = host.Citizen(Applicant);
        Assert.Equal(HttpStatusCode.Forbidden, (await citizen.PostAsJsonAsync("/api/dossiers/events/batch", batch)).StatusCode);
        using var anonymous = host.Client();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/dossiers/events/batch", batch)).StatusCode);
        // Another service may call the endpoint, but each event of a type it does not produce is refused on its own.
        using var payments = host.Client(host.Tokens.Service(DossiersHost.Audience, "svc-payments"));
        var answer = await (await payments.PostAsJsonAsync("/api/dossiers/events/batch", batch)).Json(HttpStatusCode.OK);
        Assert.Equal(403, (int)answer["results"]![0]!["status"]!);
        Assert.Equal(1, (int)(await ReadAsync(id))["status"]!["code"]!);

        using var workflow = host.Workflow();
        var empty = await (await workflow.PostAsJsonAsync("/api/dossiers/events/batch", new JsonObject { ["events"] = new JsonArray() })).FieldErrors();
        Assert.Equal("Cần từ 1 đến 200 sự kiện.", empty["events"].Single());
    }
}
