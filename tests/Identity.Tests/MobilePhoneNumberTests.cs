using PublicServices.Identity.Domain;

namespace PublicServices.Identity.Tests;

public class MobilePhoneNumberTests
{
    [Theory]
    [InlineData("0912345678", "0912345678")]
    [InlineData("+84912345678", "0912345678")]
    [InlineData("0386 123 456", "0386123456")]
    [InlineData("070.123.4567", "0701234567")]
    [InlineData("+84 58-123-4567", "0581234567")]
    public void Vietnamese_mobile_numbers_are_accepted_in_their_national_form(string input, string expected) =>
        Assert.Equal(expected, MobilePhoneNumber.Normalize(input));

    [Theory]
    [InlineData("091234567")] // 9 digits
    [InlineData("09123456789")] // 11 digits
    [InlineData("1912345678")] // no leading 0
    [InlineData("0212345678")] // 02x is a landline area code, not a mobile network
    [InlineData("+85912345678")] // another country
    [InlineData("09123x5678")]
    [InlineData("")]
    [InlineData(null)]
    public void Other_numbers_are_refused(string? input) => Assert.Null(MobilePhoneNumber.Normalize(input));
}
