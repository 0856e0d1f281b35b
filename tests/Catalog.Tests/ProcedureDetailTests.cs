using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using PublicServices.Catalog.Seed;
using PublicServices.Catalog.Tests.Support;
using PublicServices.Testing;

namespace PublicServices.Catalog.Tests;

[Collection(ReadOnlyCatalog.Name)]
public sealed class ProcedureDetailTests(CatalogApp app)
{
    [Fact]
    public async Task A_published_procedure_comes_whole_with_its_form_schema_as_a_json_object()
    {
        var response = await app.Client().GetAsync("/api/catalog/procedures/" + SeedProcedures.ConstructionPermit);
        var p = await response.Json(HttpStatusCode.OK);

        Assert.Equal(SeedProcedures.ConstructionPermit, p["code"]!.GetValue<string>());
        Assert.Equal(3, p["level"]!.GetValue<int>());
        Assert.Equal(15, p["statutoryWorkingDays"]!.GetValue<int>());
        Assert.True(p["published"]!.GetValue<bool>());
        Assert.Equal(1, p["version"]!.GetValue<int>());
        Assert.Equal("one-stop-standard", p["workflowDefinitionId"]!.GetValue<string>());
        Assert.Contains("Luật Xây dựng", p["legalBasis"]!.GetValue<string>(), StringComparison.Ordinal);

        var schema = p["formSchema"]!;
        Assert.IsType<JsonObject>(schema);
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", schema["$schema"]!.GetValue<string>());
        var floors = schema["properties"]!["floors"]!;
        Assert.Equal("Số tầng", floors["x-label"]!["vi"]!.GetValue<string>());
        Assert.Equal("Number of floors", floors["x-label"]!["en"]!.GetValue<string>());
        var seeded = SeedProcedures.All().Single(s => s.Definition.Code == SeedProcedures.ConstructionPermit).Definition.FormSchema;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(seeded), schema));

        var drawings = p["requiredDocuments"]!.AsArray().Single(d => d!["code"]!.GetValue<string>() == "ban-ve-thiet-ke")!;
        Assert.True(drawings["mandatory"]!.GetValue<bool>());
        Assert.Equal(["application/pdf"], drawings["acceptedTypes"]!.Deserialize<string[]>()!);
        Assert.Equal(1_140_850_688, drawings["maxSizeBytes"]!.GetValue<long>());

        var fee = Assert.Single(p["fees"]!.AsArray())!;
        Assert.Equal(75_000, fee["amount"]!.GetValue<long>());
        Assert.Equal("submission", fee["due"]!.GetValue<string>());
        Assert.Equal(75_000, p["totalFee"]!.GetValue<long>());
    }

    [Fact]
    public async Task The_driving_licence_renewal_lists_its_three_mandatory_documents_with_their_limits()
    {
        var p = await (await app.Client().GetAsync("/api/catalog/procedures/" + SeedProcedures.DrivingLicenceRenewal)).Json(HttpStatusCode.OK);
        var documents = p["requiredDocuments"]!.AsArray().ToDictionary(d => d!["code"]!.GetValue<string>(), d => d!);
        Assert.Equal(3, documents.Count);
        Assert.All(documents.Values, d => Assert.True(d["mandatory"]!.GetValue<bool>()));
        void Limits(string code, string[] types, long max)
        {
            Assert.Equal(types, documents[code]["acceptedTypes"]!.Deserialize<string[]>());
            Assert.Equal(max, documents[code]["maxSizeBytes"]!.GetValue<long>());
        }
        Limits("giay-phep-lai-xe-cu", ["image/jpeg", "image/png", "application/pdf"], 5L * 1024 * 1024);
        Limits("giay-kham-suc-khoe", ["application/pdf"], 10L * 1024 * 1024);
        Limits("anh-chan-dung", ["image/jpeg", "image/png"], 2L * 1024 * 1024);
        var classes = p["formSchema"]!["properties"]!["licenceClass"]!;
        Assert.Equal(["A1", "A2", "B1", "B2", "C", "D", "E"], classes["enum"]!.Deserialize<string[]>()!);
        Assert.Equal("Licence class", classes["x-label"]!["en"]!.GetValue<string>());
        Assert.NotEmpty(classes["x-enumLabels"]!["B2"]!["vi"]!.GetValue<string>()!);
    }

    [Theory]
    [InlineData("9.999999")]
    [InlineData(SeedProcedures.MarriageRegistration)]
    public async Task An_unknown_or_unpublished_procedure_is_a_404_problem_in_the_callers_language(string code)
    {
        var vi = await app.Client().GetAsync("/api/catalog/procedures/" + code);
        var problem = await vi.Problem(HttpStatusCode.NotFound);
        Assert.Equal($"Không tìm thấy thủ tục {code}", problem["title"]!.GetValue<string>());

        var en = await (await app.Client(language: "en").GetAsync("/api/catalog/procedures/" + code)).Problem(HttpStatusCode.NotFound);
        Assert.Equal($"The procedure {code} was not found", en["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_openapi_document_describes_the_catalog_routes()
    {
        var doc = await (await app.Client().GetAsync("/api/catalog/openapi/v1.json")).Json(HttpStatusCode.OK);
        var paths = doc["paths"]!.AsObject();
        Assert.True(paths.ContainsKey("/api/catalog/procedures"));
        Assert.True(paths.ContainsKey("/api/catalog/procedures/{code}"));
        Assert.True(paths.ContainsKey("/api/catalog/agencies"));
    }
}
