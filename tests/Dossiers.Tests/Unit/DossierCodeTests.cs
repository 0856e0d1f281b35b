using PublicServices.Dossiers.Domain;

namespace PublicServices.Dossiers.Tests.Unit;

public sealed class DossierCodeTests
{
    const string Agency = "000.00.12.H10";

    [Fact]
    public void A_code_is_agency_Vietnamese_date_and_a_four_digit_sequence()
    {
        var code = DossierCode.For(Agency, new DateTimeOffset(2026, 11, 26, 3, 0, 0, TimeSpan.Zero), 1);
        Assert.Equal("000.00.12.H10-261126-0001", code.ToString());
        Assert.Equal("000.00.12.H10-261126-0042", DossierCode.For(Agency, new DateTimeOffset(2026, 11, 26, 3, 0, 0, TimeSpan.Zero), 42).ToString());
    }

    [Fact]
    public void The_day_turns_at_17_00_UTC_which_is_midnight_in_Vietnam()
    {
        Assert.Equal(new DateOnly(2026, 11, 25), DossierCode.VietnamDay(new DateTimeOffset(2026, 11, 25, 16, 59, 59, TimeSpan.Zero)));
        Assert.Equal(new DateOnly(2026, 11, 26), DossierCode.VietnamDay(new DateTimeOffset(2026, 11, 25, 17, 0, 0, TimeSpan.Zero)));
        Assert.Equal("000.00.12.H10-261231-0007", DossierCode.For(Agency, new DateTimeOffset(2026, 12, 31, 16, 59, 0, TimeSpan.Zero), 7).ToString());
        Assert.Equal("000.00.12.H10-270101-0007", DossierCode.For(Agency, new DateTimeOffset(2026, 12, 31, 17, 0, 0, TimeSpan.Zero), 7).ToString());
    }

    [Fact]
    public void The_day_is_the_same_whatever_offset_the_instant_carries()
    {
        var utc = new DateTimeOffset(2026, 3, 1, 18, 30, 0, TimeSpan.Zero);
        Assert.Equal(DossierCode.VietnamDay(utc), DossierCode.VietnamDay(utc.ToOffset(TimeSpan.FromHours(-5))));
        Assert.Equal(new DateOnly(2026, 3, 2), DossierCode.VietnamDay(utc));
    }

    [Theory]
    [InlineData(9_999, "000.00.12.H10-261126-9999")]
    [InlineData(10_000, "000.00.12.H10-261126-10000")]
    [InlineData(123_456, "000.00.12.H10-261126-123456")]
    public void Past_9999_in_a_day_the_sequence_widens_instead_of_failing(long sequence, string expected) =>
        Assert.Equal(expected, new DossierCode(Agency, new DateOnly(2026, 11, 26), sequence).ToString());

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void A_sequence_below_one_is_refused(long sequence) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new DossierCode(Agency, new DateOnly(2026, 11, 26), sequence).ToString());

    [Theory]
    [InlineData("000.00.12.H10-261126-0001", 1)]
    [InlineData("000.20.01.H10-270101-10000", 10_000)]
    public void A_code_reads_back_into_its_parts(string text, long sequence)
    {
        Assert.True(DossierCode.TryParse(text, out var code));
        Assert.Equal(sequence, code!.Sequence);
        Assert.Equal(text, code.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("000.00.12.H10-261332-0001")]
    [InlineData("000.00.12.H10-261126-001")]
    [InlineData("000.00.12.H10-261126-00x1")]
    [InlineData("-261126-0001")]
    public void Malformed_codes_do_not_parse(string text) => Assert.False(DossierCode.TryParse(text, out _));
}
