using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using PublicServices.Contracts.Events;
using PublicServices.Dossiers.Tests.StandIns;
using PublicServices.Testing;

namespace PublicServices.Dossiers.Tests.Messaging;

/// <summary>POST /api/dossiers/{id}/supplements: the applicant answers the agency's supplement request.</summary>
public sealed class SupplementsTests(DossiersHost host) : IClassFixture<DossiersHost>
{
    const string Owner = "citizen-supplement-a";
    const string Other = "citizen-supplement-b";

    async Task<Guid> DossierAwaitingAsync(params string[] documents)
    {
        var id = Guid.Parse((string)(await host.SubmitAsync(Owner))["id"]!);
        await host.RequestSupplementAsync(id, documents);
        return id;
    }

    static JsonObject Answer(string? note, params (string Requirement, Guid Id)[] documents) => new()
    {
        ["note"] = note,
        ["documents"] = new JsonArray([.. documents.Select(d => (JsonNode)new JsonObject { ["requirementCode"] = d.Requirement, ["documentId"] = d.Id })]),
    };

    Task<List<PublicServices.ServiceDefaults.Messaging.OutboxMessage>> EventsAsync(Guid dossierId) => host.Query(db => db.Outbox
        .Where(o => o.Type == SupplementSubmittedV1.Type && o.Payload.Contains(dossierId.ToString())).ToListAsync());

    [Fact]
    public async Task The_owner_answers_the_request_and_exactly_one_event_is_written()
    {
        var id = await DossierAwaitingAsync(Procedures.BirthCertificate);
        var upload = host.Documents.Upload(Owner);
        using var owner = host.Citizen(Owner);
        var response = await owner.PostAsJsonAsync($"/api/dossiers/{id}/supplements",
            Answer("Đã nộp lại bản chụp rõ nét", (Procedures.BirthCertificate, upload)));
        var supplement = await response.Json(HttpStatusCode.Accepted);
        Assert.Equal($"/api/dossiers/{id}", response.Headers.Location?.OriginalString);
        var supplementId = Guid.Parse((string)supplement["id"]!);

        var submitted = Assert.Single(await EventsAsync(id));
        var payload = JsonDocument.Parse(submitted.Payload).RootElement;
        Assert.Equal(supplementId, payload.GetProperty("supplementId").GetGuid());
        Assert.Equal([upload], payload.GetProperty("documentIds").EnumerateArray().Select(d => d.GetGuid()));
        Assert.Equal("Đã nộp lại bản chụp rõ nét", payload.GetProperty("note").GetString());
        Assert.False(string.IsNullOrEmpty(payload.GetProperty("code").GetString()));

        Assert.Equal(id, host.Documents.Get(upload).DossierId);
        var dossier = await (await owner.GetAsync($"/api/dossiers/{id}")).Json(HttpStatusCode.OK);
        Assert.Null(dossier["supplementRequest"]);
        Assert.Contains(dossier["documents"]!.AsArray(), d => Guid.Parse((string)d!["documentId"]!) == upload);
        Assert.Equal(2, dossier["documents"]!.AsArray().Count);
        var last = dossier["timeline"]!.AsArray()[^1]!;
        Assert.Equal("supplement-submitted", (string)last["kind"]!);
        Assert.Equal(Owner, (string)last["actorId"]!);
    }

    [Fact]
    public async Task Another_citizen_gets_404_an_officer_403_and_no_token_401()
    {
        var id = await DossierAwaitingAsync(Procedures.BirthCertificate);
        var body = Answer(null, (Procedures.BirthCertificate, host.Documents.Upload(Other)));
        using var other = host.Citizen(Other);
        await (await other.PostAsJsonAsync($"/api/dossiers/{id}/supplements", body)).Problem(HttpStatusCode.NotFound);
        using var officer = host.Officer(Procedures.WardAgency);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsJsonAsync($"/api/dossiers/{id}/supplements", body)).StatusCode);
        using var anonymous = host.Client();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync($"/api/dossiers/{id}/supplements", body)).StatusCode);
        Assert.Empty(await EventsAsync(id));
    }

    [Fact]
    public async Task A_dossier_that_awaits_no_supplement_answers_409()
    {
        var fresh = Guid.Parse((string)(await host.SubmitAsync(Owner))["id"]!);
        using var owner = host.Citizen(Owner);
        var problem = await (await owner.PostAsJsonAsync($"/api/dossiers/{fresh}/supplements", Answer("Giải trình"))).Problem(HttpStatusCode.Conflict);
        Assert.Equal("Hồ sơ không có yêu cầu bổ sung đang chờ.", (string)problem["title"]!);

        var id = await DossierAwaitingAsync();
        await (await owner.PostAsJsonAsync($"/api/dossiers/{id}/supplements", Answer("Giải trình lần một"))).Json(HttpStatusCode.Accepted);
        await (await owner.PostAsJsonAsync($"/api/dossiers/{id}/supplements", Answer("Giải trình lần hai"))).Problem(HttpStatusCode.Conflict);
        Assert.Single(await EventsAsync(id));
        Assert.Empty(await EventsAsync(fresh));
    }

    [Fact]
    public async Task Concurrent_answers_to_one_request_store_one_supplement()
    {
        var id = await DossierAwaitingAsync(Procedures.BirthCertificate);
        var upload = host.Documents.Upload(Owner);
        var answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(async _ =>
        {
            using var owner = host.Citizen(Owner);
            return (await owner.PostAsJsonAsync($"/api/dossiers/{id}/supplements", Answer(null, (Procedures.BirthCertificate, upload)))).StatusCode;
        }));
        Assert.Single(answers, a => a == HttpStatusCode.Accepted);
        Assert.All(answers.Where(a => a != HttpStatusCode.Accepted), a => Assert.Equal(HttpStatusCode.Conflict, a));
        Assert.Single(await EventsAsync(id));
        Assert.Equal(1, await host.Query(db => db.Supplements.CountAsync(s => s.DossierId == id)));
    }

    [Fact]
    public async Task A_missing_requested_document_is_a_field_error_in_the_callers_language()
    {
        var id = await DossierAwaitingAsync(Procedures.BirthCertificate);
        using var owner = host.Citizen(Owner);
        var vi = await (await owner.PostAsJsonAsync($"/api/dossiers/{id}/supplements", Answer("Không có giấy tờ"))).FieldErrors();
        Assert.Equal("Chưa nộp giấy tờ được yêu cầu bổ sung: GCS.", vi["documents[GCS]"].Single());

        using var english = host.Citizen(Owner, "en");
        var wrongType = Answer(null, (Procedures.BirthCertificate, host.Documents.Upload(Owner)), (Procedures.MarriageCertificate, host.Documents.Upload(Owner)));
        var en = await (await english.PostAsJsonAsync($"/api/dossiers/{id}/supplements", wrongType)).FieldErrors();
        Assert.Equal("The document type \"GCNKH\" was not asked for.", en["documents"].Single());
        Assert.Empty(await EventsAsync(id));
    }

    [Fact]
    public async Task Someone_elses_upload_is_refused_and_nothing_is_stored()
    {
        var id = await DossierAwaitingAsync(Procedures.BirthCertificate);
        using var owner = host.Citizen(Owner);
        var errors = await (await owner.PostAsJsonAsync($"/api/dossiers/{id}/supplements",
            Answer(null, (Procedures.BirthCertificate, host.Documents.Upload(Other))))).FieldErrors();
        Assert.Contains("documents", errors.Keys);
        Assert.Empty(await EventsAsync(id));
        Assert.NotNull((await (await owner.GetAsync($"/api/dossiers/{id}")).Json(HttpStatusCode.OK))["supplementRequest"]);
    }
}
