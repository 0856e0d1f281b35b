using PublicServices.Catalog.Data;
using PublicServices.Catalog.Domain.Agencies;

namespace PublicServices.Catalog.Tests.Unit;

public sealed class AgencyNodeTests
{
    static Agency A(string code, string? parent, string path) =>
        new() { Code = code, NameVi = code, NameEn = code, Kind = AgencyKind.Department, ParentCode = parent, Path = path };

    [Fact]
    public void A_flat_list_becomes_a_tree_of_any_depth_ordered_by_code()
    {
        var forest = AgencyNode.Forest([A("c", "b", "/a/b/c/"), A("a", null, "/a/"), A("b2", "a", "/a/b2/"), A("b", "a", "/a/b/")]);
        var root = Assert.Single(forest);
        Assert.Equal(["b", "b2"], root.Children.Select(c => c.Code));
        Assert.Equal("c", Assert.Single(root.Children[0].Children).Code);
    }

    [Fact]
    public void An_agency_whose_parent_is_missing_is_kept_as_a_root() =>
        Assert.Equal(["x", "y"], AgencyNode.Forest([A("y", null, "/y/"), A("x", "gone", "/gone/x/")]).Select(n => n.Code));

    [Fact]
    public void A_path_is_the_parents_path_plus_the_code() =>
        Assert.Equal("/000.00.00.H10/000.20.01.H10/", Agency.PathOf(Agency.PathOf(null, "000.00.00.H10"), "000.20.01.H10"));
}
