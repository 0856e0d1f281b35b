using System.Net;
using System.Text.Json;
using PublicServices.Catalog.Seed;
using PublicServices.Catalog.Tests.Support;

namespace PublicServices.Catalog.Tests;

[Collection(ReadOnlyCatalog.Name)]
public sealed class AgenciesTests(CatalogApp app)
{
    [Fact]
    public async Task The_agency_tree_has_the_province_at_its_root_and_its_units_below()
    {
        var tree = await (await app.Client().GetAsync("/api/catalog/agencies")).ReadJsonAsync(HttpStatusCode.OK);
        var root = Assert.Single(tree.EnumerateArray());
        Assert.Equal(SeedAgencies.Province, root.GetProperty("code").GetString());
        Assert.Equal("province", root.GetProperty("kind").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("parentCode").ValueKind);

        var children = root.GetProperty("children").EnumerateArray().ToDictionary(c => c.GetProperty("code").GetString()!, c => c);
        Assert.Equal([SeedAgencies.ServiceCentre, SeedAgencies.Justice, SeedAgencies.Construction, SeedAgencies.PhoHienWard], children.Keys);
        Assert.Equal("service_centre", children[SeedAgencies.ServiceCentre].GetProperty("kind").GetString());
        Assert.Equal("ward", children[SeedAgencies.PhoHienWard].GetProperty("kind").GetString());
        Assert.Equal("Sở Tư pháp", children[SeedAgencies.Justice].GetProperty("nameVi").GetString());
        Assert.All(children.Values, c => Assert.Equal(SeedAgencies.Province, c.GetProperty("parentCode").GetString()));
    }

    [Fact]
    public async Task One_agency_comes_with_its_parent_code_and_its_subtree()
    {
        var ward = await (await app.Client().GetAsync("/api/catalog/agencies/" + SeedAgencies.PhoHienWard)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("Ủy ban nhân dân phường Phố Hiến", ward.GetProperty("nameVi").GetString());
        Assert.Equal(SeedAgencies.Province, ward.GetProperty("parentCode").GetString());
        Assert.Empty(ward.GetProperty("children").EnumerateArray());

        var province = await (await app.Client().GetAsync("/api/catalog/agencies/" + SeedAgencies.Province)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(4, province.GetProperty("children").GetArrayLength());
    }

    [Fact]
    public async Task An_unknown_agency_is_a_404_problem()
    {
        var response = await app.Client(language: "en").GetAsync("/api/catalog/agencies/000.99.99.H10");
        var problem = await response.ReadJsonAsync(HttpStatusCode.NotFound);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("The agency 000.99.99.H10 was not found", problem.GetProperty("title").GetString());
    }
}
