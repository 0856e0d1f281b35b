using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace PublicServices.Gateway.Tests;

public sealed class EdgeHeadersTests
{
    readonly EdgeHeaders headers = Headers("http://localhost:8080/");

    static EdgeHeaders Headers(string publicAddress) => new(Options.Create(new GatewayOptions()),
        new ConfigurationBuilder().AddInMemoryCollection([new("Auth:Issuer", publicAddress)]).Build());

    static DefaultHttpContext Context(bool https = false, string? contentType = null)
    {
        var context = new DefaultHttpContext();
        context.Request.IsHttps = https;
        context.Request.Headers["X-Correlation-Id"] = "abc";
        context.Response.ContentType = contentType;
        return context;
    }

    [Fact]
    public void Https_answers_get_strict_transport_security_and_http_answers_do_not()
    {
        var https = Context(https: true);
        var http = Context();

        headers.Apply(https);
        headers.Apply(http);

        Assert.Equal("max-age=31536000; includeSubDomains", https.Response.Headers.StrictTransportSecurity.ToString());
        Assert.Equal(0, http.Response.Headers.StrictTransportSecurity.Count);
    }

    [Fact]
    public void With_an_https_public_address_every_answer_gets_strict_transport_security_even_where_TLS_ended_before()
    {
        var behindLoadBalancer = Context(); // plain http between the TLS end and the gateway
        Headers("https://dichvucong.hatinh.gov.vn/").Apply(behindLoadBalancer);
        Assert.Equal("max-age=31536000; includeSubDomains", behindLoadBalancer.Response.Headers.StrictTransportSecurity.ToString());
    }

    [Fact]
    public void A_backends_own_content_security_policy_is_kept_and_its_other_values_are_replaced_not_doubled()
    {
        var context = Context(contentType: "text/html");
        headers.Apply(context);
        // What YARP leaves after appending a backend's headers to ours.
        context.Response.Headers.XFrameOptions = new(["DENY", "SAMEORIGIN"]);
        context.Response.Headers.ContentSecurityPolicy = "script-src 'self' 'nonce-x'";
        context.Response.Headers.Server = "Kestrel";

        headers.ApplyToProxied(context);

        Assert.Equal("DENY", context.Response.Headers.XFrameOptions.ToString());
        Assert.Equal("script-src 'self' 'nonce-x'", context.Response.Headers.ContentSecurityPolicy.ToString());
        Assert.Equal(0, context.Response.Headers.Server.Count);
        Assert.Equal("abc", context.Response.Headers["X-Correlation-Id"].ToString());
    }

    [Fact]
    public void Json_answers_get_no_content_security_policy()
    {
        var context = Context(contentType: "application/json");

        headers.ApplyToProxied(context);

        Assert.Equal(0, context.Response.Headers.ContentSecurityPolicy.Count);
    }
}
