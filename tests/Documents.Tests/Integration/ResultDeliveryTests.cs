using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PublicServices.Contracts.Events;
using PublicServices.Documents.Tests.Support;
using PublicServices.Testing;

namespace PublicServices.Documents.Tests.Integration;

/// <summary>
/// Who sees a result and how it reaches the applicant: their first download is the delivery (ResultDelivered.v1 once),
/// an officer's download records nothing, a result by post is delivered when the desk records its dispatch (once);
/// everyone else gets 404.
/// </summary>
public sealed class ResultDeliveryTests(ResultsApp app) : IClassFixture<ResultsApp>
{
    static string Desk() => "desk-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task The_applicants_first_download_records_the_delivery_once_and_an_officers_download_records_nothing()
    {
        var applicant = DocumentsApp.NewCitizen();
        var (dossier, result) = await app.IssueAsync(applicant);
        using var citizen = app.Citizen(applicant);
        using var officer = app.Officer(TestCatalog.Agency, "specialist");

        using (var byOfficer = await officer.GetAsync($"/api/documents/results/{result}/file"))
        {
            Assert.Equal(HttpStatusCode.OK, byOfficer.StatusCode);
            Assert.Equal("application/pdf", byOfficer.Content.Headers.ContentType?.MediaType);
        }
        Assert.Equal(0, await app.OutboxCountAsync(ResultDeliveredV1.Type, dossier));
        Assert.Null((await app.WithDbAsync(db => db.Results.SingleAsync(r => r.Id == result))).DownloadedAt);

        using var first = await citizen.GetAsync($"/api/documents/results/{result}/file");
        using var second = await citizen.GetAsync($"/api/documents/results/{result}/file");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        Assert.Equal("attachment", first.Content.Headers.ContentDisposition?.DispositionType);
        var row = await app.WithDbAsync(db => db.Results.SingleAsync(r => r.Id == result));
        Assert.Equal(row.Sha256, TestFiles.Sha256(await first.Content.ReadAsByteArrayAsync()));
        Assert.NotNull(row.DownloadedAt);
        var delivered = await app.WithDbAsync(db => db.Outbox.Where(o => o.Type == ResultDeliveredV1.Type && o.Payload.Contains(dossier.ToString())).ToListAsync());
        var payload = JsonSerializer.Deserialize<ResultDeliveredV1>(Assert.Single(delivered).Payload, JsonSerializerOptions.Web)!;
        Assert.Equal((dossier, result, "downloaded"), (payload.DossierId, payload.ResultId, payload.How));
        var dto = await (await citizen.GetAsync($"/api/documents/results?dossierId={dossier}")).Json(HttpStatusCode.OK);
        Assert.Equal((result.ToString(), DocumentsApp.AgencyName, "online"), ((string?)dto["id"], (string?)dto["agencyName"], (string?)dto["deliveryMethod"]));
        Assert.NotNull(dto["downloadedAt"]);
    }

    [Fact]
    public async Task First_downloads_at_the_same_time_record_one_delivery()
    {
        var applicant = DocumentsApp.NewCitizen();
        var (dossier, result) = await app.IssueAsync(applicant);

        var statuses = await Task.WhenAll(Enumerable.Range(0, 6).Select(async _ =>
        {
            using var citizen = app.Citizen(applicant);
            using var response = await citizen.GetAsync($"/api/documents/results/{result}/file");
            return response.StatusCode;
        }));

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(1, await app.OutboxCountAsync(ResultDeliveredV1.Type, dossier));
    }

    [Fact]
    public async Task Another_citizen_and_an_officer_of_another_agency_get_404_for_the_result_and_its_file()
    {
        var (dossier, result) = await app.IssueAsync(DocumentsApp.NewCitizen());
        using var citizen = app.Citizen(DocumentsApp.NewCitizen());
        using var otherAgency = app.Officer(TestCatalog.OtherAgency, "leader");

        foreach (var stranger in new[] { citizen, otherAgency })
        {
            var problem = await (await stranger.GetAsync($"/api/documents/results?dossierId={dossier}")).Problem(HttpStatusCode.NotFound);
            Assert.Equal("Không tìm thấy kết quả", (string?)problem["title"]);
            await (await stranger.GetAsync($"/api/documents/results/{result}/file")).Problem(HttpStatusCode.NotFound);
        }
        using var anonymous = app.Client();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/documents/results/{result}/file")).StatusCode);
        Assert.Equal(0, await app.OutboxCountAsync(ResultDeliveredV1.Type, dossier));
    }

    [Fact]
    public async Task The_agencys_desk_records_a_postal_dispatch_once_and_a_second_one_is_409()
    {
        var applicant = DocumentsApp.NewCitizen();
        var (dossier, result) = await app.IssueAsync(applicant, "post", "12 Phan Đình Phùng, phường Thành Sen, Hà Tĩnh");
        // The applicant may download a copy; for a result by post that is not its delivery.
        using (var citizen = app.Citizen(applicant))
        using (var copy = await citizen.GetAsync($"/api/documents/results/{result}/file"))
            Assert.Equal(HttpStatusCode.OK, copy.StatusCode);
        Assert.Equal(0, await app.OutboxCountAsync(ResultDeliveredV1.Type, dossier));
        var (_, online) = await app.IssueAsync(DocumentsApp.NewCitizen());
        using var desk = app.Client(app.Tokens.Officer(DocumentsApp.Audience, Desk(), TestCatalog.Agency, "one_stop_desk"));
        using var specialist = app.Client(app.Tokens.Officer(DocumentsApp.Audience, Desk(), TestCatalog.Agency, "specialist"));
        using var otherDesk = app.Client(app.Tokens.Officer(DocumentsApp.Audience, Desk(), TestCatalog.OtherAgency, "one_stop_desk"));
        // The desk's list of results to post has it (and not the online one); no one else gets the list.
        var toPost = await (await desk.GetAsync("/api/documents/results/to-post")).JsonArray(HttpStatusCode.OK);
        Assert.Contains(toPost, r => (string?)r!["id"] == result.ToString());
        Assert.DoesNotContain(toPost, r => (string?)r!["id"] == online.ToString());
        Assert.DoesNotContain(await (await otherDesk.GetAsync("/api/documents/results/to-post")).JsonArray(HttpStatusCode.OK), r => (string?)r!["id"] == result.ToString());
        Assert.Equal(HttpStatusCode.Forbidden, (await specialist.GetAsync("/api/documents/results/to-post")).StatusCode);

        var dispatched = await (await desk.PostAsJsonAsync($"/api/documents/results/{result}/dispatch", new { trackingNumber = "EE123456789VN" }))
            .Json(HttpStatusCode.OK);
        var again = await (await desk.PostAsJsonAsync($"/api/documents/results/{result}/dispatch", new { trackingNumber = "EE999999999VN" }))
            .Problem(HttpStatusCode.Conflict);

        Assert.Equal(("EE123456789VN", "12 Phan Đình Phùng, phường Thành Sen, Hà Tĩnh"), ((string?)dispatched["trackingNumber"], (string?)dispatched["deliveryAddress"]));
        Assert.DoesNotContain(await (await desk.GetAsync("/api/documents/results/to-post")).JsonArray(HttpStatusCode.OK), r => (string?)r!["id"] == result.ToString());
        Assert.NotNull(dispatched["dispatchedAt"]);
        Assert.Equal("Kết quả đã được gửi qua bưu điện", (string?)again["title"]);
        var delivered = await app.WithDbAsync(db => db.Outbox.Where(o => o.Type == ResultDeliveredV1.Type && o.Payload.Contains(dossier.ToString())).ToListAsync());
        var payload = JsonSerializer.Deserialize<ResultDeliveredV1>(Assert.Single(delivered).Payload, JsonSerializerOptions.Web)!;
        Assert.Equal(("post", "EE123456789VN"), (payload.How, payload.TrackingNumber));
        Assert.Equal("EE123456789VN", (await app.WithDbAsync(db => db.Results.SingleAsync(r => r.Id == result))).TrackingNumber);
    }

    [Fact]
    public async Task A_specialist_gets_403_another_agencys_desk_404_an_online_result_409_and_no_tracking_number_or_body_400()
    {
        var (postDossier, byPost) = await app.IssueAsync(DocumentsApp.NewCitizen(), "post", "1 Lý Thường Kiệt, Hà Nội");
        var (_, online) = await app.IssueAsync(DocumentsApp.NewCitizen());
        using var specialist = app.Client(app.Tokens.Officer(DocumentsApp.Audience, Desk(), TestCatalog.Agency, "specialist"));
        using var otherDesk = app.Client(app.Tokens.Officer(DocumentsApp.Audience, Desk(), TestCatalog.OtherAgency, "one_stop_desk"));
        using var desk = app.Client(app.Tokens.Officer(DocumentsApp.Audience, Desk(), TestCatalog.Agency, "one_stop_desk"));
        using var applicant = app.Citizen(DocumentsApp.NewCitizen());
        var body = new { trackingNumber = "EE000000001VN" };

        await (await specialist.PostAsJsonAsync($"/api/documents/results/{byPost}/dispatch", body)).Problem(HttpStatusCode.Forbidden);
        await (await otherDesk.PostAsJsonAsync($"/api/documents/results/{byPost}/dispatch", body)).Problem(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.Forbidden, (await applicant.PostAsJsonAsync($"/api/documents/results/{byPost}/dispatch", body)).StatusCode);
        var noTracking = await (await desk.PostAsJsonAsync($"/api/documents/results/{byPost}/dispatch", new { trackingNumber = " " })).FieldErrors();
        var noBody = await (await desk.PostAsync($"/api/documents/results/{byPost}/dispatch", null)).FieldErrors();
        var notPost = await (await desk.PostAsJsonAsync($"/api/documents/results/{online}/dispatch", body)).Problem(HttpStatusCode.Conflict);

        Assert.Equal(["trackingNumber"], noTracking.Keys);
        Assert.Equal(["trackingNumber"], noBody.Keys);
        Assert.Equal("Người nộp không chọn nhận kết quả qua bưu điện", (string?)notPost["title"]);
        Assert.Null((await app.WithDbAsync(db => db.Results.SingleAsync(r => r.Id == byPost))).DispatchedAt);
        Assert.Equal(0, await app.OutboxCountAsync(ResultDeliveredV1.Type, postDossier));
    }
}
