using PublicServices.Catalog.Domain.Procedures;

namespace PublicServices.Catalog.Tests.Unit;

public sealed class SearchTextRulesTests
{
    [Theory]
    [InlineData("Đăng ký khai sinh", "dang ky khai sinh")]
    [InlineData("ĐỒNG ĐẲNG", "dong dang")]
    [InlineData("Cấp Phiếu lý lịch tư pháp", "cap phieu ly lich tu phap")]
    [InlineData("  nhiều   khoảng\ttrắng  ", "nhieu khoang trang")]
    [InlineData("Phố Hiến", "pho hien")]
    [InlineData("1.001193", "1.001193")]
    public void Folding_removes_diacritics_case_and_extra_spaces(string text, string folded) =>
        Assert.Equal(folded, SearchTextRules.Fold(text));

    [Fact]
    public void Precomposed_and_decomposed_vietnamese_fold_alike() =>
        Assert.Equal(SearchTextRules.Fold("Hưng Yên"), SearchTextRules.Fold("Hưng Yên".Normalize(System.Text.NormalizationForm.FormD)));

    [Fact]
    public void A_query_becomes_distinct_folded_words() =>
        Assert.Equal(["khai", "sinh"], SearchTextRules.Terms(" Khai  SÍNH khai "));

    [Fact]
    public void An_empty_query_has_no_words()
    {
        Assert.Empty(SearchTextRules.Terms(null));
        Assert.Empty(SearchTextRules.Terms("   "));
    }

    [Fact]
    public void Like_wildcards_are_escaped() =>
        Assert.Equal(@"%50\%\_off\\%", SearchTextRules.ContainsPattern(@"50%_off\"));

    [Fact]
    public void The_stored_text_joins_code_and_both_names() =>
        Assert.Equal("1.001193 dang ky khai sinh birth registration", SearchTextRules.Of("1.001193", "Đăng ký khai sinh", "Birth registration"));
}
