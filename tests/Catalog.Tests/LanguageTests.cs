using System.Net;
using PublicServices.Catalog.Tests.Support;
using PublicServices.Testing;

namespace PublicServices.Catalog.Tests;

/// <summary>The catalog's own texts come from its resources, in Vietnamese unless the caller asks for English.</summary>
[Collection(ReadOnlyCatalog.Name)]
public sealed class LanguageTests(CatalogApp app)
{
    [Theory]
    [InlineData(null, "Không tìm thấy cơ quan 000.99.99.H10")]
    [InlineData("vi", "Không tìm thấy cơ quan 000.99.99.H10")]
    [InlineData("en", "The agency 000.99.99.H10 was not found")]
    public async Task A_problem_title_is_in_the_callers_language(string? language, string title)
    {
        var problem = await (await app.Client(language: language).GetAsync("/api/catalog/agencies/000.99.99.H10")).Problem(HttpStatusCode.NotFound);
        Assert.Equal(title, problem["title"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(null, "Mức độ dịch vụ phải là 3 hoặc 4.")]
    [InlineData("vi", "Mức độ dịch vụ phải là 3 hoặc 4.")]
    [InlineData("en", "The service level must be 3 or 4.")]
    public async Task A_field_error_is_in_the_callers_language(string? language, string message)
    {
        var errors = await (await app.Client(language: language).GetAsync("/api/catalog/procedures?level=5")).FieldErrors();
        Assert.Equal(message, Assert.Single(errors["level"]));
    }
}
