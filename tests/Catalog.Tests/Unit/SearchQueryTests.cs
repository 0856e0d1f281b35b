using System.Globalization;
using PublicServices.Catalog.Domain.Procedures;

namespace PublicServices.Catalog.Tests.Unit;

public sealed class SearchQueryTests
{
    [Fact]
    public void Defaults_are_the_first_page_of_twenty()
    {
        Assert.True(SearchQuery.TryParse(null, null, null, null, null, out var query, out _));
        Assert.Equal((1, 20, 0), (query.Page, query.PageSize, query.Skip));
        Assert.Null(query.Level);
        Assert.Null(query.Agency);
        Assert.Empty(query.Terms);
    }

    [Fact]
    public void Page_three_of_fifty_skips_a_hundred()
    {
        Assert.True(SearchQuery.TryParse("khai sinh", " 000.20.01.H10 ", "4", "3", "50", out var query, out _));
        Assert.Equal(100, query.Skip);
        Assert.Equal(4, query.Level);
        Assert.Equal("000.20.01.H10", query.Agency);
        Assert.Equal(["khai", "sinh"], query.Terms);
    }

    [Theory]
    [InlineData("0", null, "page")]
    [InlineData("100001", null, "page")]
    [InlineData("1.5", null, "page")]
    [InlineData(null, "101", "pageSize")]
    [InlineData(null, "-1", "pageSize")]
    public void Out_of_range_paging_names_the_field(string? page, string? pageSize, string field)
    {
        Assert.False(SearchQuery.TryParse(null, null, null, page, pageSize, out _, out var errors));
        Assert.Equal([field], errors.Keys);
    }

    [Fact]
    public void Messages_follow_the_ui_language()
    {
        var saved = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = new CultureInfo("en");
            SearchQuery.TryParse(null, null, "5", null, null, out _, out var en);
            Assert.Equal("The service level must be 3 or 4.", en["level"].Single());
            CultureInfo.CurrentUICulture = new CultureInfo("vi");
            SearchQuery.TryParse(null, null, "5", null, null, out _, out var vi);
            Assert.Equal("Mức độ dịch vụ phải là 3 hoặc 4.", vi["level"].Single());
        }
        finally
        {
            CultureInfo.CurrentUICulture = saved;
        }
    }

    [Fact]
    public void An_overlong_query_is_refused()
    {
        Assert.False(SearchQuery.TryParse(new string('a', 201), null, null, null, null, out _, out var errors));
        Assert.Equal(["q"], errors.Keys);
    }
}
