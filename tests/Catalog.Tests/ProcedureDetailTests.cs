using System.Net;
using System.Text.Json;
using PublicServices.Catalog.Seed;
using PublicServices.Catalog.Tests.Support;

namespace PublicServices.Catalog.Tests;

[Collection(ReadOnlyCatalog.Name)]
public sealed class ProcedureDetailTests(CatalogApp app)
{
    [Fact]
    public async Task A_published_procedure_comes_whole_with_its_form_schema_as_a_json_object()
    {
        var response = await app.Client().GetAsync("/api/catalog/procedures/" + SeedProcedures.ConstructionPermit);
        var p = await response.ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal(SeedProcedures.ConstructionPermit, p.GetProperty("code").GetString());
        Assert.Equal(3, p.GetProperty("level").GetInt32());
        Assert.Equal(15, p.GetProperty("statutoryWorkingDays").GetInt32());
        Assert.True(p.GetProperty("published").GetBoolean());
        Assert.Equal(1, p.GetProperty("version").GetInt32());
        Assert.Equal("one-stop-standard", p.GetProperty("workflowDefinitionId").GetString());
        Assert.Contains("Luật Xây dựng", p.GetProperty("legalBasis").GetString());

        var schema = p.GetProperty("formSchema");
        Assert.Equal(JsonValueKind.Object, schema.ValueKind);
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", schema.GetProperty("$schema").GetString());
        var floors = schema.GetProperty("properties").GetProperty("floors");
        Assert.Equal("Số tầng", floors.GetProperty("x-label").GetProperty("vi").GetString());
        Assert.Equal("Number of floors", floors.GetProperty("x-label").GetProperty("en").GetString());
        var seeded = SeedProcedures.All().Single(s => s.Definition.Code == SeedProcedures.ConstructionPermit).Definition.FormSchema;
        Assert.True(JsonElement.DeepEquals(JsonSerializer.Deserialize<JsonElement>(seeded), schema));

        var drawings = p.GetProperty("requiredDocuments").EnumerateArray().Single(d => d.GetProperty("code").GetString() == "ban-ve-thiet-ke");
        Assert.True(drawings.GetProperty("mandatory").GetBoolean());
        Assert.Equal(["application/pdf"], drawings.GetProperty("acceptedTypes").Deserialize<string[]>()!);
        Assert.Equal(1_140_850_688, drawings.GetProperty("maxSizeBytes").GetInt64());

        var fee = Assert.Single(p.GetProperty("fees").EnumerateArray());
        Assert.Equal(75_000, fee.GetProperty("amount").GetInt64());
        Assert.Equal(75_000, p.GetProperty("totalFee").GetInt64());
    }

    [Fact]
    public async Task The_driving_licence_renewal_lists_its_three_mandatory_documents_with_their_limits()
    {
        var p = await (await app.Client().GetAsync("/api/catalog/procedures/" + SeedProcedures.DrivingLicenceRenewal)).ReadJsonAsync(HttpStatusCode.OK);
        var documents = p.GetProperty("requiredDocuments").EnumerateArray().ToDictionary(d => d.GetProperty("code").GetString()!);
        Assert.Equal(3, documents.Count);
        Assert.All(documents.Values, d => Assert.True(d.GetProperty("mandatory").GetBoolean()));
        void Limits(string code, string[] types, long max)
        {
            Assert.Equal(types, documents[code].GetProperty("acceptedTypes").Deserialize<string[]>());
            Assert.Equal(max, documents[code].GetProperty("maxSizeBytes").GetInt64());
        }
        Limits("giay-phep-lai-xe-cu", ["image/jpeg", "image/png", "application/pdf"], 5L * 1024 * 1024);
        Limits("giay-kham-suc-khoe", ["application/pdf"], 10L * 1024 * 1024);
        Limits("anh-chan-dung", ["image/jpeg", "image/png"], 2L * 1024 * 1024);
        var classes = p.GetProperty("formSchema").GetProperty("properties").GetProperty("licenceClass");
        Assert.Equal(["A1", "A2", "B1", "B2", "C", "D", "E"], classes.GetProperty("enum").Deserialize<string[]>()!);
        Assert.Equal("Licence class", classes.GetProperty("x-label").GetProperty("en").GetString());
        Assert.NotEmpty(classes.GetProperty("x-enumLabels").GetProperty("B2").GetProperty("vi").GetString()!);
    }

    [Theory]
    [InlineData("9.999999")]
    [InlineData(SeedProcedures.MarriageRegistration)]
    public async Task An_unknown_or_unpublished_procedure_is_a_404_problem_in_the_callers_language(string code)
    {
        var vi = await app.Client().GetAsync("/api/catalog/procedures/" + code);
        var problem = await vi.ReadJsonAsync(HttpStatusCode.NotFound);
        Assert.Equal("application/problem+json", vi.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"Không tìm thấy thủ tục {code}", problem.GetProperty("title").GetString());
        Assert.Equal(404, problem.GetProperty("status").GetInt32());

        var en = await (await app.Client(language: "en").GetAsync("/api/catalog/procedures/" + code)).ReadJsonAsync(HttpStatusCode.NotFound);
        Assert.Equal($"The procedure {code} was not found", en.GetProperty("title").GetString());
    }

    [Fact]
    public async Task The_openapi_document_describes_the_catalog_routes()
    {
        var doc = await (await app.Client().GetAsync("/api/catalog/openapi/v1.json")).ReadJsonAsync(HttpStatusCode.OK);
        var paths = doc.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/catalog/procedures", out _));
        Assert.True(paths.TryGetProperty("/api/catalog/procedures/{code}", out _));
        Assert.True(paths.TryGetProperty("/api/catalog/agencies", out _));
    }
}
