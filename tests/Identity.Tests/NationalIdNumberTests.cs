using PublicServices.Identity.Domain;

namespace PublicServices.Identity.Tests;

public class NationalIdNumberTests
{
    const int ThisYear = 2025;

    [Theory]
    [InlineData("001099012345", 1, false, 1999)] // Hà Nội, male, born 1999
    [InlineData("079305000123", 79, true, 2005)] // TP Hồ Chí Minh, female, born 2005
    [InlineData("096200999999", 96, false, 2000)] // Cà Mau, male, born 2000
    [InlineData(" 033187654321 ", 33, true, 1987)] // Hưng Yên; surrounding spaces are ignored
    public void A_well_formed_number_is_accepted_and_read(string input, int province, bool female, int birthYear)
    {
        var error = NationalIdNumber.TryParse(input, ThisYear, out var number);

        Assert.Null(error);
        Assert.Equal(input.Trim(), number!.Value);
        Assert.Equal(province, number.ProvinceCode);
        Assert.Equal(female, number.IsFemale);
        Assert.Equal(birthYear, number.BirthYear);
    }

    [Theory]
    [InlineData("00109901234")]
    [InlineData("0010990123456")]
    [InlineData("001099")]
    public void A_number_without_exactly_twelve_digits_is_refused(string input) =>
        Assert.Equal(NationalIdError.WrongLength, NationalIdNumber.TryParse(input, ThisYear, out _));

    [Theory]
    [InlineData("00109901234A")]
    [InlineData("001-99012345")]
    [InlineData("００１０９９０１２３４５")] // full-width digits are not ASCII digits
    public void A_number_with_other_characters_than_digits_is_refused(string input) =>
        Assert.Equal(NationalIdError.NotDigits, NationalIdNumber.TryParse(input, ThisYear, out _));

    [Theory]
    [InlineData("000099012345")] // 000 is no province
    [InlineData("003099012345")] // a gap in the official list
    [InlineData("097099012345")] // past the last code (096 Cà Mau)
    [InlineData("999099012345")]
    public void A_number_whose_first_three_digits_are_no_province_code_is_refused(string input) =>
        Assert.Equal(NationalIdError.UnknownProvince, NationalIdNumber.TryParse(input, ThisYear, out _));

    [Theory]
    [InlineData("001226012345")] // male born 2026
    [InlineData("001399012345")] // female born 2099
    [InlineData("001400012345")] // born 2100
    [InlineData("001900012345")] // born 2300
    public void A_number_with_a_birth_year_in_the_future_is_refused(string input) =>
        Assert.Equal(NationalIdError.BirthYearInFuture, NationalIdNumber.TryParse(input, ThisYear, out _));

    [Fact]
    public void A_birth_year_of_the_current_year_is_accepted() =>
        Assert.Null(NationalIdNumber.TryParse("001225012345", ThisYear, out _));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_missing_number_is_reported_as_missing(string? input) =>
        Assert.Equal(NationalIdError.Missing, NationalIdNumber.TryParse(input, ThisYear, out _));

    [Fact]
    public void The_province_list_holds_the_sixty_three_official_codes_within_001_to_096()
    {
        Assert.Equal(63, NationalIdNumber.ProvinceCodes.Count);
        Assert.All(NationalIdNumber.ProvinceCodes, c => Assert.InRange(c, 1, 96));
    }
}
