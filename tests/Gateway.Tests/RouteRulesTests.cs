using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Configuration;

namespace PublicServices.Gateway.Tests;

public sealed class RouteRulesTests
{
    readonly RouteRules rules = new(Options.Create(new GatewayOptions { Limits = { DefaultBytes = 1000, UploadBytes = 5000 } }));

    static RouteConfig Route(string? authorization = "anonymous", string? bodyLimit = "Default", string? timeoutPolicy = "standard", string? rateLimiter = "per-client") => new()
    {
        RouteId = "r",
        ClusterId = "c",
        Match = new RouteMatch { Path = "/api/x/{**rest}" },
        AuthorizationPolicy = authorization,
        TimeoutPolicy = timeoutPolicy,
        RateLimiterPolicy = rateLimiter,
        Metadata = bodyLimit is null ? null : new Dictionary<string, string> { ["BodyLimit"] = bodyLimit },
    };

    [Theory]
    [InlineData("Default", 1000)]
    [InlineData("Upload", 5000)]
    public async Task The_body_limit_class_becomes_the_routes_limit_in_bytes(string limit, long bytes)
    {
        var route = await rules.ConfigureRouteAsync(Route(bodyLimit: limit), null, default);

        Assert.Equal(bytes, route.MaxRequestBodySize);
    }

    [Fact]
    public async Task A_route_without_an_authorization_policy_is_refused() =>
        await Assert.ThrowsAsync<InvalidOperationException>(() => rules.ConfigureRouteAsync(Route(authorization: null), null, default).AsTask());

    [Fact]
    public async Task A_route_with_a_policy_the_gateway_cannot_enforce_is_refused() =>
        await Assert.ThrowsAsync<InvalidOperationException>(() => rules.ConfigureRouteAsync(Route(authorization: "default"), null, default).AsTask());

    [Theory]
    [InlineData(null)]
    [InlineData("Huge")]
    public async Task A_route_without_a_known_body_limit_is_refused(string? limit) =>
        await Assert.ThrowsAsync<InvalidOperationException>(() => rules.ConfigureRouteAsync(Route(bodyLimit: limit), null, default).AsTask());

    [Fact]
    public async Task A_route_without_a_timeout_is_refused() =>
        await Assert.ThrowsAsync<InvalidOperationException>(() => rules.ConfigureRouteAsync(Route(timeoutPolicy: null), null, default).AsTask());

    [Fact]
    public async Task A_route_without_a_rate_limiter_policy_is_refused() =>
        await Assert.ThrowsAsync<InvalidOperationException>(() => rules.ConfigureRouteAsync(Route(rateLimiter: null), null, default).AsTask());

    [Fact]
    public async Task A_gateway_whose_configuration_has_a_route_without_rules_does_not_start()
    {
        await using var backends = await Backends.StartAsync();

        var failure = Assert.ThrowsAny<Exception>(() => GatewayHost.Start(backends.Addresses, new()
        {
            ["ReverseProxy:Routes:forgotten:ClusterId"] = "catalog",
            ["ReverseProxy:Routes:forgotten:Match:Path"] = "/forgotten/{**rest}",
        }).Dispose());

        Assert.Contains("forgotten", Flatten(failure), StringComparison.Ordinal);
    }

    static string Flatten(Exception e) => e switch
    {
        AggregateException a => string.Join(" | ", a.InnerExceptions.Select(Flatten)),
        _ => e.Message + (e.InnerException is { } inner ? " | " + Flatten(inner) : ""),
    };
}

public sealed class ClientKeyTests
{
    static Microsoft.AspNetCore.Http.DefaultHttpContext Request(string? authorization, string address = "10.0.0.1")
    {
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        context.Connection.RemoteIpAddress = System.Net.IPAddress.Parse(address);
        if (authorization is not null)
            context.Request.Headers.Authorization = authorization;
        return context;
    }

    [Fact]
    public void A_bearer_token_does_not_change_who_the_client_is() =>
        Assert.Equal(ClientKey.Of(Request(null, "10.0.0.1")), ClientKey.Of(Request("Bearer made-up", "10.0.0.1")));

    [Fact]
    public void Different_addresses_are_different_clients() =>
        Assert.NotEqual(ClientKey.Of(Request(null, "10.0.0.1")), ClientKey.Of(Request(null, "10.0.0.2")));

    [Fact]
    public void An_ipv6_client_counts_by_its_64_network_and_a_mapped_ipv4_as_ipv4()
    {
        Assert.Equal(ClientKey.Of(Request(null, "2001:db8:1:2::1")), ClientKey.Of(Request(null, "2001:db8:1:2:ffff::9")));
        Assert.NotEqual(ClientKey.Of(Request(null, "2001:db8:1:2::1")), ClientKey.Of(Request(null, "2001:db8:1:3::1")));
        Assert.Equal(ClientKey.Of(Request(null, "10.0.0.1")), ClientKey.Of(Request(null, "::ffff:10.0.0.1")));
    }
}
