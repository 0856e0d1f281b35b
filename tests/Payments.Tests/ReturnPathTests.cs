using PublicServices.Payments.Domain.Sessions;

namespace PublicServices.Payments.Tests;

public sealed class ReturnPathTests
{
    [Theory]
    [InlineData("/", true)]
    [InlineData("/ho-so/123?tab=fees", true)]
    [InlineData("https://evil.example/", false)]
    [InlineData("//evil.example", false)]
    [InlineData("/\\evil.example", false)]
    [InlineData("/%2F%2Fevil.example", false)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("/a b", false)]
    [InlineData("", false)]
    public void Only_a_path_of_the_portal_is_a_return_path(string path, bool valid) => Assert.Equal(valid, ReturnPath.IsValid(path));
}
