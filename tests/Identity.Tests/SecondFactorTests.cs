using System.Security.Claims;
using PublicServices.Identity.Domain;

namespace PublicServices.Identity.Tests;

public class SecondFactorTests
{
    [Theory]
    [InlineData("one_stop_desk", false, "pwd", SecondFactorStep.Enrol)]
    [InlineData("specialist", true, "pwd", SecondFactorStep.LogInAgain)]
    [InlineData("leader", true, "pwd otp", SecondFactorStep.None)]
    [InlineData("citizen", false, "pwd", SecondFactorStep.None)]
    [InlineData("citizen", true, "pwd", SecondFactorStep.None)]
    [InlineData("admin", false, "pwd", SecondFactorStep.None)]
    [InlineData("", false, "", SecondFactorStep.None)]
    public void Only_an_officers_login_without_a_one_time_password_lacks_a_step(string roles, bool enrolled, string methods, SecondFactorStep expected) =>
        Assert.Equal(expected, SecondFactor.MissingForOfficer(Words(roles), enrolled, Words(methods)));

    [Fact]
    public void The_cookie_of_Identitys_two_factor_sign_in_reads_as_password_and_one_time_password()
    {
        Assert.Equal(["pwd", "otp"], SecondFactor.MethodsOf(Login(SecondFactor.PassedClaim())));
        Assert.Equal(["pwd"], SecondFactor.MethodsOf(Login(new Claim("amr", "pwd"))));
        // A registration signs in without any amr: the password was just chosen.
        Assert.Equal(["pwd"], SecondFactor.MethodsOf(Login()));
    }

    static string[] Words(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    static ClaimsPrincipal Login(params Claim[] claims) => new(new ClaimsIdentity(claims, "Identity.Application"));
}
