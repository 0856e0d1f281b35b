using System.Net;
using System.Net.Http.Json;
using PublicServices.Documents.Tests.Support;
using PublicServices.Testing;

namespace PublicServices.Documents.Tests.Integration;

/// <summary>Titles and field messages come from the resources in the request's language: Vietnamese unless English is asked for.</summary>
public sealed class LanguageTests(LocalApp app) : IClassFixture<LocalApp>
{
    HttpClient Citizen(string language)
    {
        var client = app.Citizen(DocumentsApp.NewCitizen());
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        return client;
    }

    static MultipartFormDataContent Pdf(int size) => TestFiles.Form(TestFiles.Pdf(size), "to-khai.pdf");

    [Theory]
    [InlineData("vi", "Không tìm thấy thủ tục")]
    [InlineData("en", "The procedure was not found")]
    public async Task An_unknown_procedure_is_titled_in_the_requests_language(string language, string title)
    {
        using var client = Citizen(language);
        using var response = await client.PostAsync(DocumentsApp.UploadUrl(TestCatalog.PdfOnly, "9.999999"), Pdf(1000));

        Assert.Equal(title, (string?)(await response.Problem(HttpStatusCode.NotFound))["title"]);
    }

    [Theory]
    [InlineData("vi", "Chưa tra cứu được danh mục thủ tục, vui lòng thử lại sau")]
    [InlineData("en", "The procedure catalog is unavailable, please try again later")]
    public async Task A_catalog_that_cannot_be_asked_answers_503_titled_in_the_requests_language(string language, string title)
    {
        using var client = Citizen(language);
        app.Catalog.Down = true;
        try
        {
            using var response = await client.PostAsync(DocumentsApp.UploadUrl(TestCatalog.PdfOnly), Pdf(1000));

            Assert.Equal(title, (string?)(await response.Problem(HttpStatusCode.ServiceUnavailable))["title"]);
        }
        finally
        {
            app.Catalog.Down = false;
        }
    }

    [Theory]
    [InlineData("vi", "Tệp rỗng.")]
    [InlineData("en", "The file is empty.")]
    public async Task An_empty_file_is_named_in_the_requests_language(string language, string message)
    {
        using var client = Citizen(language);
        using var response = await client.PostAsync(DocumentsApp.UploadUrl(TestCatalog.PdfOnly), TestFiles.Form([], "rong.pdf"));

        Assert.Equal([message], (await response.FieldErrors())["file"]);
    }

    [Theory]
    [InlineData("vi", "Tệp quá lớn", "Tệp vượt quá dung lượng cho phép (256 KB).")]
    [InlineData("en", "The file is too large", "The file exceeds the allowed size (256 KB).")]
    public async Task A_file_over_the_limit_is_refused_with_the_limit_in_the_requests_language(string language, string title, string message)
    {
        using var client = Citizen(language);
        using var response = await client.PostAsync(DocumentsApp.UploadUrl(TestCatalog.PdfOnly), Pdf((int)TestCatalog.SmallLimit + 1));

        var problem = await response.Problem(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(title, (string?)problem["title"]);
        Assert.Equal(message, (string?)problem["detail"]);
        Assert.Equal(message, problem.FileError());
    }

    [Theory]
    [InlineData("vi", "Cần từ 1 đến 200 tài liệu.")]
    [InlineData("en", "Between 1 and 200 documents are required.")]
    public async Task An_attach_request_without_documents_gives_the_allowed_count_in_the_requests_language(string language, string message)
    {
        using var service = app.Service();
        service.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        using var response = await service.PostAsJsonAsync("/api/documents/attachments",
            new { dossierId = Guid.NewGuid(), dossierCode = "X-1", ownerId = "citizen-1", agencyCode = TestCatalog.Agency, documentIds = Array.Empty<Guid>() });

        Assert.Equal([message], (await response.FieldErrors())["documentIds"]);
    }
}
