using System.Net;
using System.Security.Cryptography.Pkcs;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PublicServices.Contracts.Events;
using PublicServices.Documents.Domain.Results;
using PublicServices.Documents.Tests.Support;
using PublicServices.Testing;
using UglyToad.PdfPig;

namespace PublicServices.Documents.Tests.Integration;

/// <summary>
/// ResultRequested.v1 from the workflow: one signed PDF per dossier in object storage, its row and ResultIssued.v1 in
/// the outbox; a repeated request (the same event, or another one for the same dossier) makes nothing new.
/// </summary>
public sealed class ResultIssueTests(ResultsApp app) : IClassFixture<ResultsApp>
{
    [Fact]
    public async Task A_requested_result_is_one_stored_PDF_with_the_code_and_decision_signed_over_its_bytes_and_announced_once()
    {
        var (dossier, resultId) = await app.IssueAsync(DocumentsApp.NewCitizen());

        var row = await app.WithDbAsync(db => db.Results.SingleAsync(r => r.DossierId == dossier));
        Assert.Equal((resultId, ResultIssuer.StorageKeyFor(dossier), DocumentsApp.AgencyName), (row.Id, row.StorageKey, row.AgencyName));
        var pdf = await app.ObjectBytesAsync(row.StorageKey);
        Assert.Equal((row.Sha256, row.Size), (TestFiles.Sha256(pdf), (long)pdf.Length));
        using (var document = PdfDocument.Open(pdf))
        {
            var text = string.Join(" ", document.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
            Assert.Contains(ResultRequests.CodeOf(dossier), text, StringComparison.Ordinal);
            Assert.Contains("Chấp thuận", text, StringComparison.Ordinal);
            Assert.Contains("1234/LLTP", text, StringComparison.Ordinal);
            Assert.Contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", text, StringComparison.Ordinal);
            Assert.Contains($"/verify/{resultId:D}", text, StringComparison.Ordinal);
        }

        var cms = new SignedCms(new ContentInfo(pdf), detached: true);
        cms.Decode(row.Signature);
        cms.CheckSignature(verifySignatureOnly: true);
        Assert.Contains(DocumentsApp.AgencyName, cms.SignerInfos[0].Certificate!.Subject, StringComparison.Ordinal);
        Assert.Equal("2.16.840.1.101.3.4.2.1", cms.SignerInfos[0].DigestAlgorithm.Value);
        var tampered = (byte[])pdf.Clone();
        tampered[pdf.Length / 2] ^= 0x01;
        var other = new SignedCms(new ContentInfo(tampered), detached: true);
        other.Decode(row.Signature);
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => other.CheckSignature(verifySignatureOnly: true));

        var issued = await app.WithDbAsync(db => db.Outbox.Where(o => o.Type == ResultIssuedV1.Type && o.Payload.Contains(dossier.ToString())).ToListAsync());
        var payload = JsonSerializer.Deserialize<ResultIssuedV1>(Assert.Single(issued).Payload, JsonSerializerOptions.Web)!;
        Assert.Equal((dossier, resultId, row.Sha256), (payload.DossierId, payload.ResultId, payload.Sha256));
    }

    [Fact]
    public async Task A_repeated_request_answers_with_the_existing_result_and_makes_nothing_new()
    {
        var dossier = Guid.NewGuid();
        var applicant = DocumentsApp.NewCitizen();
        var first = ResultRequests.Requested(dossier, applicant);
        var created = await (await app.PostEventAsync(first)).Json(HttpStatusCode.OK);
        var row = await app.WithDbAsync(db => db.Results.SingleAsync(r => r.DossierId == dossier));
        var bytes = await app.ObjectBytesAsync(row.StorageKey);

        var redelivered = await (await app.PostEventAsync(first)).Json(HttpStatusCode.OK);
        var another = await (await app.PostEventAsync(ResultRequests.Requested(dossier, applicant))).Json(HttpStatusCode.OK);

        Assert.Equal("issued", (string?)created["outcome"]);
        Assert.Equal(("duplicate", "duplicate"), ((string?)redelivered["outcome"], (string?)another["outcome"]));
        Assert.Equal((row.Id.ToString(), row.Id.ToString()), ((string?)redelivered["resultId"], (string?)another["resultId"]));
        Assert.Equal(1, await app.WithDbAsync(db => db.Results.CountAsync(r => r.DossierId == dossier)));
        Assert.Equal(1, await app.OutboxCountAsync(ResultIssuedV1.Type, dossier));
        Assert.Equal(bytes, await app.ObjectBytesAsync(row.StorageKey));
    }

    [Fact]
    public Task Two_requests_for_one_dossier_at_once_make_one_result_whose_stored_PDF_is_the_one_recorded() => ResultRaces.OneResultAsync(app);

    [Fact]
    public async Task A_malformed_request_is_refused_for_good_with_field_errors_and_another_producer_is_forbidden()
    {
        var dossier = Guid.NewGuid();
        var noAddress = ResultRequests.Requested(dossier, DocumentsApp.NewCitizen(), delivery: "post");
        var fax = ResultRequests.Requested(dossier, DocumentsApp.NewCitizen(), delivery: "fax");
        fax["payload"]!["applicantId"] = null;

        var post = await (await app.PostEventAsync(noAddress)).FieldErrors();
        var other = await (await app.PostEventAsync(fax)).FieldErrors();
        using var stranger = await app.PostEventAsync(ResultRequests.Requested(dossier, DocumentsApp.NewCitizen()), producer: "svc-dossiers");

        Assert.Equal(["payload.deliveryAddress"], post.Keys);
        Assert.Equal(["payload.applicantId", "payload.deliveryMethod"], other.Keys.Order());
        Assert.Equal(HttpStatusCode.Forbidden, stranger.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.Results.CountAsync(r => r.DossierId == dossier)));
    }

    [Fact]
    public async Task A_catalog_that_cannot_be_asked_answers_503_so_the_workflow_retries_and_nothing_is_kept()
    {
        var dossier = Guid.NewGuid();
        app.Catalog.Down = true;
        try
        {
            using var response = await app.PostEventAsync(ResultRequests.Requested(dossier, DocumentsApp.NewCitizen()));
            await response.Problem(HttpStatusCode.ServiceUnavailable);
        }
        finally { app.Catalog.Down = false; }
        Assert.Equal(0, await app.WithDbAsync(db => db.Results.CountAsync(r => r.DossierId == dossier)));
        Assert.DoesNotContain(ResultIssuer.StorageKeyFor(dossier), await app.ObjectKeysAsync());
    }
}

/// <summary>The embedded mode (SQLite, local folder): racing requests for one dossier still make one consistent result.</summary>
public sealed class SqliteResultIssueTests(SqliteResultsApp app) : IClassFixture<SqliteResultsApp>
{
    [Fact]
    public Task Two_requests_for_one_dossier_at_once_make_one_result_whose_stored_PDF_is_the_one_recorded() => ResultRaces.OneResultAsync(app);
}

static class ResultRaces
{
    public static async Task OneResultAsync(DocumentsApp app)
    {
        var dossier = Guid.NewGuid();
        var applicant = DocumentsApp.NewCitizen();
        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            using var response = await app.PostEventAsync(ResultRequests.Requested(dossier, applicant));
            return (string?)(await response.Json(HttpStatusCode.OK))["outcome"];
        }));

        Assert.Equal(["duplicate", "duplicate", "duplicate", "issued"], answers.Order());
        var row = await app.WithDbAsync(db => db.Results.SingleAsync(r => r.DossierId == dossier));
        Assert.Equal(row.Sha256, TestFiles.Sha256(await app.ObjectBytesAsync(row.StorageKey)));
        Assert.Equal(1, await app.OutboxCountAsync(ResultIssuedV1.Type, dossier));
    }
}
