using PublicServices.Identity.Domain;

namespace PublicServices.Identity.Tests;

public class AuthenticatorTests
{
    [Theory]
    [InlineData("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", "jbsw y3dp ehpk 3pxp jbsw y3dp ehpk 3pxp")]
    [InlineData("ABCDEF", "abcd ef")]
    public void The_key_is_shown_in_lower_case_groups_of_four(string key, string shown) =>
        Assert.Equal(shown, Authenticator.Grouped(key));

    [Fact]
    public void The_apps_address_names_the_issuer_and_the_account_encoded_and_asks_for_six_digits() =>
        Assert.Equal("otpauth://totp/Public%20Services:desk%40000.00.12.H10?secret=JBSWY3DP&issuer=Public%20Services&digits=6",
            Authenticator.Uri("Public Services", "desk@000.00.12.H10", "JBSWY3DP"));

    [Theory]
    [InlineData("123456", "123456")]
    [InlineData(" 123 456 ", "123456")]
    [InlineData("123-456", "123456")]
    [InlineData("12345", null)]
    [InlineData("1234567", null)]
    [InlineData("12345a", null)]
    [InlineData("١٢٣٤٥٦", null)]
    [InlineData(null, null)]
    public void A_typed_code_counts_when_six_digits_remain_without_spaces(string? typed, string? code) =>
        Assert.Equal(code, Authenticator.SixDigits(typed));

    [Theory]
    [InlineData("2BCDF-GHJKM", "2BCDF-GHJKM")]
    [InlineData("2bcdf ghjkm", "2BCDF-GHJKM")]
    [InlineData("2bcdfghjkm", "2BCDF-GHJKM")]
    [InlineData("2BCDF", null)]
    [InlineData("2BCDF-GHJK!", null)]
    public void A_typed_recovery_code_takes_the_stored_shape(string typed, string? code) =>
        Assert.Equal(code, Authenticator.RecoveryCode(typed));
}
