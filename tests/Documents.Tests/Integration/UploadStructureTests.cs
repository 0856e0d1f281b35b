using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using PublicServices.Documents.Tests.Support;
using PublicServices.Testing;

namespace PublicServices.Documents.Tests.Integration;

/// <summary>Issue 12, hole 5: the whole file must parse as what its first bytes claim, or nothing is kept.</summary>
public sealed class UploadStructureTests(S3App app) : IClassFixture<S3App>
{
    public static TheoryData<string, string, string> Disguised => new()
    {
        { "pdf-elf", TestCatalog.PdfOnly, "PDF" },
        { "pdf-skeleton", TestCatalog.PdfOnly, "PDF" },
        { "pdf-truncated", TestCatalog.PdfOnly, "PDF" },
        { "png", TestCatalog.Images, "PNG" },
        { "jpeg", TestCatalog.Images, "JPEG" },
        { "jpeg-trailer", TestCatalog.Images, "JPEG" },
    };

    static byte[] Make(string kind) => kind switch
    {
        "pdf-elf" => TestFiles.FakePdf(60_000),
        // What the end-to-end tests used to upload: a PDF's first and last lines around random bytes.
        "pdf-skeleton" => [.. "%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"u8, .. TestFiles.Elf(2048)],
        "pdf-truncated" => TestFiles.Pdf(60_000)[..50_000],
        "png" => TestFiles.FakePng(30_000),
        "jpeg" => TestFiles.FakeJpeg(30_000),
        _ => [.. TestFiles.Jpeg(30_000), .. TestFiles.WindowsExe(20_000)],
    };

    [Theory]
    [MemberData(nameof(Disguised))]
    public async Task A_file_whose_header_lies_about_its_body_is_refused_with_422_and_nothing_is_stored(string kind, string requirement, string typeName)
    {
        var owner = DocumentsApp.NewCitizen();
        using var client = app.Citizen(owner);
        var keysBefore = await app.ObjectKeysAsync();

        using var response = await client.PostAsync(DocumentsApp.UploadUrl(requirement), TestFiles.Form(Make(kind), "giay-to." + kind[..3]));

        var problem = await response.Problem(HttpStatusCode.UnprocessableEntity);
        Assert.Equal($"Tệp không đọc được như một tệp {typeName} hợp lệ. Hãy xuất lại tệp rồi tải lên.", problem.FileError());
        Assert.Equal(keysBefore.Order(), (await app.ObjectKeysAsync()).Order());
        Assert.Equal(0, await app.WithDbAsync(db => db.Documents.CountAsync(d => d.OwnerId == owner)));
    }

    [Fact]
    public async Task A_disguised_file_sent_in_several_s3_parts_is_refused_in_english_on_request_and_nothing_is_stored()
    {
        var owner = DocumentsApp.NewCitizen();
        using var client = app.Citizen(owner);
        var keysBefore = await app.ObjectKeysAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, DocumentsApp.UploadUrl(TestCatalog.Drawings))
        {
            Content = TestFiles.ChunkedForm(TestFiles.FakePdf(17 * 1024 * 1024), "ban-ve.pdf"),
        };
        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue("en"));

        using var response = await client.SendAsync(request);

        var problem = await response.Problem(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("The file cannot be read as a valid PDF file. Export it again and upload it.", problem.FileError());
        Assert.Equal(keysBefore.Order(), (await app.ObjectKeysAsync()).Order());
        Assert.Equal(0, await app.WithDbAsync(db => db.Documents.CountAsync(d => d.OwnerId == owner)));
    }

    [Fact]
    public async Task The_sample_pdf_the_system_tests_upload_is_accepted()
    {
        using var client = app.Citizen(DocumentsApp.NewCitizen());
        var bytes = SampleFiles.Pdf(2048);
        var document = await app.UploadAsync(client, bytes, requirement: TestCatalog.PdfOnly);
        Assert.Equal(TestFiles.Sha256(bytes), document.Sha256);
    }
}
