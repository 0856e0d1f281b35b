using Microsoft.Extensions.Localization;
using PublicServices.Catalog.Domain.Procedures;
using PublicServices.Catalog.Resources;
using PublicServices.ServiceDefaults.Resources;
using PublicServices.Testing;

namespace PublicServices.Catalog.Tests.Unit;

public sealed class SearchQueryTests
{
    static readonly IStringLocalizer<Messages> Text = Localizers.For<Messages>();
    static readonly IStringLocalizer<SharedMessages> Shared = Localizers.For<SharedMessages>();

    static bool TryParse(string? q, string? agency, string? level, string? page, string? pageSize,
        out SearchQuery query, out Dictionary<string, string[]> errors) =>
        SearchQuery.TryParse(q, agency, level, page, pageSize, Text, Shared, out query, out errors);

    [Fact]
    public void Defaults_are_the_first_page_of_twenty()
    {
        Assert.True(TryParse(null, null, null, null, null, out var query, out _));
        Assert.Equal((1, 20, 0), (query.Paging.Page, query.Paging.PageSize, query.Paging.Skip));
        Assert.Null(query.Level);
        Assert.Null(query.Agency);
        Assert.Empty(query.Terms);
    }

    [Fact]
    public void Page_three_of_fifty_skips_a_hundred()
    {
        Assert.True(TryParse("khai sinh", " 000.20.01.H10 ", "4", "3", "50", out var query, out _));
        Assert.Equal(100, query.Paging.Skip);
        Assert.Equal(4, query.Level);
        Assert.Equal("000.20.01.H10", query.Agency);
        Assert.Equal(["khai", "sinh"], query.Terms);
    }

    [Theory]
    [InlineData("0", null, "page")]
    [InlineData("21474837", null, "page")]
    [InlineData("1.5", null, "page")]
    [InlineData(null, "101", "pageSize")]
    [InlineData(null, "-1", "pageSize")]
    public void Out_of_range_paging_names_the_field(string? page, string? pageSize, string field)
    {
        Assert.False(TryParse(null, null, null, page, pageSize, out _, out var errors));
        Assert.Equal([field], errors.Keys);
    }

    [Fact]
    public void Messages_follow_the_ui_language()
    {
        using (Localizers.Culture("en"))
        {
            TryParse(null, null, "5", null, null, out _, out var en);
            Assert.Equal("The service level must be 3 or 4.", en["level"].Single());
        }
        using (Localizers.Culture("vi"))
        {
            TryParse(null, null, "5", null, null, out _, out var vi);
            Assert.Equal("Mức độ dịch vụ phải là 3 hoặc 4.", vi["level"].Single());
        }
    }

    [Fact]
    public void An_overlong_query_is_refused()
    {
        Assert.False(TryParse(new string('a', 201), null, null, null, null, out _, out var errors));
        Assert.Equal(["q"], errors.Keys);
    }
}
