using System.Net;
using PublicServices.Catalog.Seed;
using PublicServices.Catalog.Tests.Support;
using PublicServices.Testing;

namespace PublicServices.Catalog.Tests;

[Collection(ReadOnlyCatalog.Name)]
public sealed class AgenciesTests(CatalogApp app)
{
    [Fact]
    public async Task The_agency_tree_has_the_province_at_its_root_and_its_units_below()
    {
        var tree = await (await app.Client().GetAsync("/api/catalog/agencies")).JsonArray(HttpStatusCode.OK);
        var root = Assert.Single(tree)!;
        Assert.Equal(SeedAgencies.Province, root["code"]!.GetValue<string>());
        Assert.Equal("province", root["kind"]!.GetValue<string>());
        Assert.Null(root["parentCode"]);

        var children = root["children"]!.AsArray().ToDictionary(c => c!["code"]!.GetValue<string>(), c => c!);
        Assert.Equal([SeedAgencies.ServiceCentre, SeedAgencies.Justice, SeedAgencies.Construction, SeedAgencies.PhoHienWard], children.Keys);
        Assert.Equal("service_centre", children[SeedAgencies.ServiceCentre]["kind"]!.GetValue<string>());
        Assert.Equal("ward", children[SeedAgencies.PhoHienWard]["kind"]!.GetValue<string>());
        Assert.Equal("Sở Tư pháp", children[SeedAgencies.Justice]["nameVi"]!.GetValue<string>());
        Assert.All(children.Values, c => Assert.Equal(SeedAgencies.Province, c["parentCode"]!.GetValue<string>()));
    }

    [Fact]
    public async Task One_agency_comes_with_its_parent_code_and_its_subtree()
    {
        var ward = await (await app.Client().GetAsync("/api/catalog/agencies/" + SeedAgencies.PhoHienWard)).Json(HttpStatusCode.OK);
        Assert.Equal("Ủy ban nhân dân phường Phố Hiến", ward["nameVi"]!.GetValue<string>());
        Assert.Equal(SeedAgencies.Province, ward["parentCode"]!.GetValue<string>());
        Assert.Empty(ward["children"]!.AsArray());

        var province = await (await app.Client().GetAsync("/api/catalog/agencies/" + SeedAgencies.Province)).Json(HttpStatusCode.OK);
        Assert.Equal(4, province["children"]!.AsArray().Count);
    }

    [Fact]
    public async Task An_unknown_agency_is_a_404_problem()
    {
        var response = await app.Client(language: "en").GetAsync("/api/catalog/agencies/000.99.99.H10");
        var problem = await response.Problem(HttpStatusCode.NotFound);
        Assert.Equal("The agency 000.99.99.H10 was not found", problem["title"]!.GetValue<string>());
    }
}
