using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using PublicServices.Documents.Tests.Support;
using PublicServices.Testing;

namespace PublicServices.Documents.Tests.Integration;

/// <summary>
/// Anyone may check a result without signing in: by id (the QR code's page re-reads the stored PDF) or by uploading
/// the file they hold. Valid only for the very bytes the agency signed; a PDF is required, and its size is limited.
/// </summary>
public sealed class ResultVerificationTests(ResultsApp app) : IClassFixture<ResultsApp>
{
    static async Task<JsonObject> CheckAsync(HttpClient client, byte[] file, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await client.PostAsync("/api/documents/results/verification", TestFiles.Form(file, "ket-qua.pdf"));
        return expected == HttpStatusCode.OK ? await response.Json(expected) : await response.Problem(expected);
    }

    [Fact]
    public async Task The_original_file_is_valid_with_the_agency_and_date_and_one_flipped_byte_is_not()
    {
        var (_, result) = await app.IssueAsync(DocumentsApp.NewCitizen());
        var row = await app.WithDbAsync(db => db.Results.SingleAsync(r => r.Id == result));
        var original = await app.ObjectBytesAsync(row.StorageKey);
        var flipped = (byte[])original.Clone();
        flipped[original.Length / 3] ^= 0x20;
        using var anonymous = app.Client();

        var valid = await CheckAsync(anonymous, original);
        var tampered = await CheckAsync(anonymous, flipped);

        Assert.Equal(("valid", row.DossierCode, DocumentsApp.AgencyName), ((string?)valid["status"], (string?)valid["code"], (string?)valid["agencyName"]));
        Assert.Equal(row.IssuedAt, valid["issuedAt"]!.GetValue<DateTime>().ToUniversalTime());
        Assert.Equal("not-valid", (string?)tampered["status"]);
        Assert.Null(tampered["agencyName"]);
    }

    [Fact]
    public async Task A_file_that_is_not_a_PDF_or_no_file_is_400_and_a_file_over_20_MiB_is_413()
    {
        using var anonymous = app.Client();

        var exe = await CheckAsync(anonymous, TestFiles.WindowsExe(4000), HttpStatusCode.BadRequest);
        using var empty = await anonymous.PostAsync("/api/documents/results/verification", new MultipartFormDataContent { { new StringContent("x"), "note" } });
        var large = await CheckAsync(anonymous, TestFiles.Pdf(20 * 1024 * 1024 + 1), HttpStatusCode.RequestEntityTooLarge);

        Assert.Equal("Tệp cần kiểm tra phải là PDF.", exe.FileError());
        Assert.Equal(["file"], (await empty.FieldErrors()).Keys);
        Assert.Equal("Tệp cần kiểm tra lớn hơn 20 MB.", large.FileError());
        var english = new HttpRequestMessage(HttpMethod.Post, "/api/documents/results/verification") { Content = TestFiles.Form(TestFiles.Png(2000), "a.pdf") };
        english.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue("en"));
        Assert.Equal("The file to check must be a PDF.", (await (await anonymous.SendAsync(english)).Problem(HttpStatusCode.BadRequest)).FileError());
    }

    [Fact]
    public async Task By_id_the_stored_PDF_is_checked_again_and_a_tampered_store_or_an_unknown_id_is_not_valid()
    {
        var (_, result) = await app.IssueAsync(DocumentsApp.NewCitizen());
        using var anonymous = app.Client();

        var valid = await (await anonymous.GetAsync($"/api/documents/results/{result}/verification")).Json(HttpStatusCode.OK);
        var unknown = await (await anonymous.GetAsync($"/api/documents/results/{Guid.NewGuid()}/verification")).Json(HttpStatusCode.OK);
        var row = await app.WithDbAsync(db => db.Results.SingleAsync(r => r.Id == result));
        var bytes = await app.ObjectBytesAsync(row.StorageKey);
        bytes[bytes.Length / 2] ^= 0x01;
        await app.S3.PutObjectAsync(new Minio.DataModel.Args.PutObjectArgs().WithBucket(app.Bucket).WithObject(row.StorageKey)
            .WithStreamData(new MemoryStream(bytes)).WithObjectSize(bytes.Length).WithContentType("application/pdf"));
        var afterTampering = await (await anonymous.GetAsync($"/api/documents/results/{result}/verification")).Json(HttpStatusCode.OK);

        Assert.Equal(("valid", DocumentsApp.AgencyName), ((string?)valid["status"], (string?)valid["agencyName"]));
        Assert.Equal("not-valid", (string?)unknown["status"]);
        Assert.Equal("not-valid", (string?)afterTampering["status"]);
    }
}
