using PublicServices.Identity.Tests.Infrastructure;

namespace PublicServices.Identity.Tests;

/// <summary>A deployment whose public address is https, with TLS ended at a load balancer before the gateway.</summary>
public sealed class HttpsPublicAddressFixture : IdentityFixture
{
    protected override (string Key, string? Value)[] Settings => [("Auth:Issuer", "https://dichvucong.hatinh.gov.vn/")];
}

public sealed class SecureCookiesTests(HttpsPublicAddressFixture fixture) : IClassFixture<HttpsPublicAddressFixture>
{
    [Fact]
    public async Task Behind_an_https_public_address_the_cookies_are_secure_though_the_request_came_over_http()
    {
        using var browser = fixture.App.Browser();
        using var page = await browser.GetAsync("/account/login");
        page.EnsureSuccessStatusCode();

        var cookies = page.Headers.GetValues("Set-Cookie").ToList();
        Assert.NotEmpty(cookies);
        Assert.All(cookies, c => Assert.Contains("; secure", c, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task With_a_plain_http_public_address_a_local_demo_still_gets_its_cookies()
    {
        await using var demo = new IdentityFixture();
        await demo.InitializeAsync();
        using var browser = demo.App.Browser();
        using var page = await browser.GetAsync("/account/login");

        Assert.All(page.Headers.GetValues("Set-Cookie"), c => Assert.DoesNotContain("; secure", c, StringComparison.OrdinalIgnoreCase));
    }
}
