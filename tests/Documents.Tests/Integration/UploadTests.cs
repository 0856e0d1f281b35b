using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using PublicServices.Documents.Data;
using PublicServices.Documents.Tests.Support;
using PublicServices.Testing;

namespace PublicServices.Documents.Tests.Integration;

public sealed class UploadTests(S3App app) : IClassFixture<S3App>
{
    public static TheoryData<string, string, string> Formats => new()
    {
        { "pdf", TestCatalog.PdfOnly, "application/pdf" },
        { "png", TestCatalog.Images, "image/png" },
        { "jpeg", TestCatalog.Images, "image/jpeg" },
    };

    static byte[] Make(string format, int size) => format switch
    {
        "pdf" => TestFiles.Pdf(size),
        "png" => TestFiles.Png(size),
        _ => TestFiles.Jpeg(size),
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Uploading_a_pdf_png_or_jpeg_stores_the_exact_bytes_with_their_sha256(string format, string requirement, string type)
    {
        var owner = DocumentsApp.NewCitizen();
        var bytes = Make(format, 100_000);
        using var client = app.Citizen(owner);

        using var response = await client.PostAsync(DocumentsApp.UploadUrl(requirement), TestFiles.Form(bytes, "tệp." + format, clientType: "application/octet-stream"));
        var document = await response.DocumentAsync(HttpStatusCode.Created);

        Assert.Equal($"/api/documents/{document.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal(type, document.ContentType);
        Assert.Equal(bytes.Length, document.Size);
        Assert.Equal(TestFiles.Sha256(bytes), document.Sha256);
        Assert.Equal(owner, document.OwnerId);
        Assert.Equal(TestCatalog.Procedure, document.ProcedureCode);
        Assert.Equal(requirement, document.RequirementCode);
        Assert.Null(document.DossierId);
        Assert.Equal(TimeSpan.FromHours(24), document.ExpiresAt - document.CreatedAt);
        Assert.Equal(bytes, await app.ObjectBytesAsync(document.Id.ToString("N")));
        var row = await app.WithDbAsync(db => db.Documents.SingleAsync(d => d.Id == document.Id));
        Assert.Equal(DocumentStatus.Stored, row.Status);
    }

    [Fact]
    public async Task A_file_of_exactly_the_limit_is_accepted_and_one_byte_more_is_refused_with_413_leaving_nothing()
    {
        var owner = DocumentsApp.NewCitizen();
        using var client = app.Citizen(owner);
        var atLimit = await app.UploadAsync(client, TestFiles.Pdf((int)TestCatalog.SmallLimit), requirement: TestCatalog.PdfOnly);
        var keysBefore = await app.ObjectKeysAsync();

        using var response = await client.PostAsync(DocumentsApp.UploadUrl(TestCatalog.PdfOnly),
            TestFiles.Form(TestFiles.Pdf((int)TestCatalog.SmallLimit + 1), "qua-lon.pdf"));

        var problem = await response.Problem(HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("256 KB", problem.FileError(), StringComparison.Ordinal);
        Assert.Equal(keysBefore.Order(), (await app.ObjectKeysAsync()).Order());
        Assert.Equal([atLimit.Id], await app.WithDbAsync(db => db.Documents.Where(d => d.OwnerId == owner).Select(d => d.Id).ToListAsync()));
    }

    [Fact]
    public async Task An_oversize_upload_without_a_length_is_stopped_while_streaming_and_nothing_is_stored()
    {
        var owner = DocumentsApp.NewCitizen();
        using var client = app.Citizen(owner);
        var keysBefore = await app.ObjectKeysAsync();

        using var response = await client.PostAsync(DocumentsApp.UploadUrl(TestCatalog.PdfOnly),
            TestFiles.ChunkedForm(TestFiles.Pdf(3 * 1024 * 1024), "ban-scan.pdf"));

        await response.Problem(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(keysBefore.Order(), (await app.ObjectKeysAsync()).Order());
        Assert.Equal(0, await app.WithDbAsync(db => db.Documents.CountAsync(d => d.OwnerId == owner)));
    }

    [Fact]
    public async Task An_upload_whose_declared_length_is_over_the_limit_is_refused_before_it_is_read()
    {
        var owner = DocumentsApp.NewCitizen();
        using var client = app.Citizen(owner);

        using var response = await client.PostAsync(DocumentsApp.UploadUrl(TestCatalog.PdfOnly), TestFiles.Form(TestFiles.Pdf(2 * 1024 * 1024), "lon.pdf"));

        await response.Problem(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(0, await app.WithDbAsync(db => db.Documents.CountAsync(d => d.OwnerId == owner)));
    }

    [Fact]
    public async Task A_body_over_the_route_limit_is_refused_even_when_the_file_itself_fits()
    {
        var owner = DocumentsApp.NewCitizen();
        using var client = app.Citizen(owner);
        var keysBefore = await app.ObjectKeysAsync();
        var form = TestFiles.ChunkedForm(TestFiles.Pdf((int)TestCatalog.SmallLimit - 1000), "vua.pdf");
        form.Add(new StreamContent(new MemoryStream(new byte[100 * 1024])), "padding");

        using var response = await client.PostAsync(DocumentsApp.UploadUrl(TestCatalog.PdfOnly), form);

        await response.Problem(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(keysBefore.Order(), (await app.ObjectKeysAsync()).Order());
        Assert.Equal(0, await app.WithDbAsync(db => db.Documents.CountAsync(d => d.OwnerId == owner)));
    }

    [Theory]
    [InlineData("elf")]
    [InlineData("mz")]
    public async Task An_executable_named_pdf_is_refused_with_415_and_nothing_is_stored(string kind)
    {
        var owner = DocumentsApp.NewCitizen();
        using var client = app.Citizen(owner);
        var keysBefore = await app.ObjectKeysAsync();
        var bytes = kind == "elf" ? TestFiles.Elf(50_000) : TestFiles.WindowsExe(50_000);

        using var response = await client.PostAsync(DocumentsApp.UploadUrl(TestCatalog.PdfOnly), TestFiles.Form(bytes, "x.pdf"));

        var problem = await response.Problem(HttpStatusCode.UnsupportedMediaType);
        Assert.Equal("Chỉ chấp nhận tệp PDF.", problem.FileError());
        Assert.Equal(keysBefore.Order(), (await app.ObjectKeysAsync()).Order());
        Assert.Equal(0, await app.WithDbAsync(db => db.Documents.CountAsync(d => d.OwnerId == owner)));
    }

    [Fact]
    public async Task A_real_image_for_a_pdf_only_requirement_is_refused_with_the_accepted_types_in_english_on_request()
    {
        using var client = app.Citizen(DocumentsApp.NewCitizen());
        using var request = new HttpRequestMessage(HttpMethod.Post, DocumentsApp.UploadUrl(TestCatalog.PdfOnly))
        {
            Content = TestFiles.Form(TestFiles.Png(10_000), "anh.pdf"),
        };
        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue("en"));

        using var response = await client.SendAsync(request);

        var problem = await response.Problem(HttpStatusCode.UnsupportedMediaType);
        Assert.Equal("Only PDF files are accepted.", problem.FileError());
    }

    [Theory]
    [InlineData(TestCatalog.Procedure, "khong-co")]
    [InlineData("9.999999", TestCatalog.PdfOnly)]
    [InlineData(TestCatalog.Unpublished, TestCatalog.PdfOnly)]
    public async Task An_unknown_procedure_or_requirement_answers_404(string procedure, string requirement)
    {
        using var client = app.Citizen(DocumentsApp.NewCitizen());
        using var response = await client.PostAsync(DocumentsApp.UploadUrl(requirement, procedure), TestFiles.Form(TestFiles.Pdf(1000), "a.pdf"));
        var problem = await response.Problem(HttpStatusCode.NotFound);
        Assert.StartsWith("Không tìm thấy", (string?)problem["title"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_without_a_file_part_answers_400()
    {
        using var client = app.Citizen(DocumentsApp.NewCitizen());
        using var fieldsOnly = new MultipartFormDataContent { { new StringContent("ghi chú"), "note" } };
        using var noFile = await client.PostAsync(DocumentsApp.UploadUrl(TestCatalog.PdfOnly), fieldsOnly);
        Assert.Contains("Chưa có tệp", (await noFile.FieldErrors())["file"][0], StringComparison.Ordinal);

        using var json = await client.PostAsync(DocumentsApp.UploadUrl(TestCatalog.PdfOnly), new StringContent("{}", null, "application/json"));
        await json.Problem(HttpStatusCode.BadRequest);

        using var empty = await client.PostAsync(DocumentsApp.UploadUrl(TestCatalog.PdfOnly), TestFiles.Form([], "rong.pdf"));
        Assert.Equal("Tệp rỗng.", (await empty.FieldErrors())["file"][0]);

        using var noQuery = await client.PostAsync("/api/documents", TestFiles.Form(TestFiles.Pdf(1000), "a.pdf"));
        Assert.True((await noQuery.FieldErrors()).ContainsKey("procedure"));
    }

    [Fact]
    public async Task A_second_file_in_the_same_request_is_refused_and_the_first_is_not_kept()
    {
        var owner = DocumentsApp.NewCitizen();
        using var client = app.Citizen(owner);
        var keysBefore = await app.ObjectKeysAsync();
        var form = TestFiles.Form(TestFiles.Pdf(1000), "mot.pdf");
        form.Add(new ByteArrayContent(TestFiles.Pdf(1000)), "file2", "hai.pdf");

        using var response = await client.PostAsync(DocumentsApp.UploadUrl(TestCatalog.PdfOnly), form);

        Assert.Equal("Mỗi lần chỉ tải lên một tệp.", (await response.FieldErrors())["file"][0]);
        Assert.Equal(keysBefore.Order(), (await app.ObjectKeysAsync()).Order());
        Assert.Equal(0, await app.WithDbAsync(db => db.Documents.CountAsync(d => d.OwnerId == owner)));
    }

    [Theory]
    [InlineData("../../etc/passwd.pdf")]
    [InlineData("..\\..\\windows\\win.ini.pdf")]
    [InlineData("giay\u0007.pdf")]
    [InlineData("..")]
    public async Task A_file_name_with_a_path_or_control_characters_is_refused_and_nothing_is_stored(string name)
    {
        var owner = DocumentsApp.NewCitizen();
        using var client = app.Citizen(owner);
        var keysBefore = await app.ObjectKeysAsync();
        var file = new ByteArrayContent(TestFiles.Pdf(1000));
        file.Headers.ContentType = new("application/pdf");
        // Written by hand so that the name reaches the server as sent.
        file.Headers.TryAddWithoutValidation("Content-Disposition", $"form-data; name=\"file\"; filename=\"{name}\"");
        using var form = new MultipartFormDataContent { file };

        using var response = await client.PostAsync(DocumentsApp.UploadUrl(TestCatalog.PdfOnly), form);

        Assert.Equal("Tên tệp có đường dẫn hoặc ký tự điều khiển. Hãy đổi tên tệp rồi tải lên lại.", (await response.FieldErrors())["file"][0]);
        Assert.Equal(keysBefore.Order(), (await app.ObjectKeysAsync()).Order());
        Assert.Equal(0, await app.WithDbAsync(db => db.Documents.CountAsync(d => d.OwnerId == owner)));
    }

    [Fact]
    public async Task The_file_name_is_kept_sanitized_as_metadata_and_the_object_key_is_the_document_id()
    {
        var owner = DocumentsApp.NewCitizen();
        using var client = app.Citizen(owner);

        var document = await app.UploadAsync(client, TestFiles.Pdf(2000), "Giấy khai sinh\u202E?.pdf");

        Assert.Equal("Giấy khai sinh_.pdf", document.FileName);
        Assert.Contains(document.Id.ToString("N"), await app.ObjectKeysAsync());
    }

    [Fact]
    public async Task A_large_drawing_sent_without_a_length_is_stored_in_several_parts_intact()
    {
        using var client = app.Citizen(DocumentsApp.NewCitizen());
        var bytes = TestFiles.Pdf(17 * 1024 * 1024 + 12345);

        using var response = await client.PostAsync(DocumentsApp.UploadUrl(TestCatalog.Drawings), TestFiles.ChunkedForm(bytes, "ban-ve.pdf"));

        var document = await response.DocumentAsync(HttpStatusCode.Created);
        Assert.Equal(TestFiles.Sha256(bytes), document.Sha256);
        Assert.Equal(bytes.Length, document.Size);
        Assert.Equal(TestFiles.Sha256(bytes), TestFiles.Sha256(await app.ObjectBytesAsync(document.Id.ToString("N"))));
    }

    [Fact]
    public async Task Officers_cannot_upload()
    {
        using var officer = app.Officer(TestCatalog.Agency);
        using var response = await officer.PostAsync(DocumentsApp.UploadUrl(TestCatalog.PdfOnly), TestFiles.Form(TestFiles.Pdf(1000), "a.pdf"));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
