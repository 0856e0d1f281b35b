using System.Net;
using System.Net.Http.Headers;

namespace PublicServices.Gateway.Tests;

public sealed class RateLimitFixture : GatewayFixture
{
    protected override Dictionary<string, string?> Settings => new()
    {
        ["Gateway:RateLimit:PermitLimit"] = "3",
        ["Gateway:RateLimit:Window"] = "00:01:00",
        ["Gateway:RateLimit:Login:PermitLimit"] = "2",
        ["Gateway:RateLimit:Login:Window"] = "00:01:00",
        // A load balancer in front of the gateway: only this peer's X-Forwarded-For is believed.
        ["Gateway:TrustedProxies:0"] = "127.0.0.20/32",
    };
}

/// <summary>Each test uses its own loopback address (or forwarded address), so the tests' partitions never meet.</summary>
public sealed class RateLimitTests(RateLimitFixture fixture) : IClassFixture<RateLimitFixture>
{
    [Fact]
    public async Task After_the_limit_a_client_gets_429_problem_details_with_retry_after()
    {
        using var client = fixture.Gateway.Client("127.0.0.4");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "token-of-client-a");
        var catalogBefore = fixture.Backends["catalog"].Hits;

        for (var i = 0; i < 3; i++)
        {
            using var ok = await client.GetAsync("/api/catalog/procedures");
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }
        using var refused = await client.GetAsync("/api/catalog/procedures");

        var problem = await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.TooManyRequests);
        var retryAfter = refused.Headers.RetryAfter?.Delta ?? throw new Xunit.Sdk.XunitException("no Retry-After in seconds");
        Assert.InRange(retryAfter, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
        Assert.Equal((int)retryAfter.TotalSeconds, problem.GetProperty("retryAfterSeconds").GetInt32());
        Assert.Equal(catalogBefore + 3, fixture.Backends["catalog"].Hits);
        ProxyTests.AssertSecurityHeaders(refused);
    }

    [Fact]
    public async Task Made_up_bearer_tokens_share_the_bucket_of_the_address_they_come_from()
    {
        using var client = fixture.Gateway.Client("127.0.0.5");
        HttpRequestMessage WithToken(int i) => new(HttpMethod.Get, "/api/dossiers/lookup/x")
        {
            Headers = { Authorization = new AuthenticationHeaderValue("Bearer", $"made-up-token-{i}") },
        };

        for (var i = 0; i < 3; i++)
        {
            using var ok = await client.SendAsync(WithToken(i));
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }
        using var refused = await client.SendAsync(WithToken(3));
        using var withoutToken = await client.GetAsync("/api/dossiers/lookup/x");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, withoutToken.StatusCode);
    }

    [Fact]
    public async Task X_forwarded_for_from_an_untrusted_peer_is_ignored()
    {
        using var client = fixture.Gateway.Client("127.0.0.9");
        HttpRequestMessage Spoofed(int i) => new(HttpMethod.Get, "/api/catalog/agencies")
        {
            Headers = { { "X-Forwarded-For", $"198.51.100.{i + 1}" } },
        };

        for (var i = 0; i < 3; i++)
        {
            using var ok = await client.SendAsync(Spoofed(i));
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            // The backend learns the real peer last, so a service that trusts only the gateway is not fooled either.
            Assert.EndsWith("127.0.0.9", (await Echo.ReadAsync(ok)).Headers["X-Forwarded-For"], StringComparison.Ordinal);
        }
        using var refused = await client.SendAsync(Spoofed(3));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
    }

    [Fact]
    public async Task Behind_a_trusted_proxy_each_forwarded_client_address_has_its_own_bucket()
    {
        using var proxy = fixture.Gateway.Client("127.0.0.20");
        HttpRequestMessage From(string client) => new(HttpMethod.Get, "/api/catalog/procedures")
        {
            Headers = { { "X-Forwarded-For", client } },
        };

        for (var i = 0; i < 3; i++)
        {
            using var ok = await proxy.SendAsync(From("203.0.113.7"));
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Equal("203.0.113.7", (await Echo.ReadAsync(ok)).Headers["X-Forwarded-For"]);
        }
        using var firstRefused = await proxy.SendAsync(From("203.0.113.7"));
        using var secondServed = await proxy.SendAsync(From("203.0.113.8"));

        Assert.Equal(HttpStatusCode.TooManyRequests, firstRefused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, secondServed.StatusCode);
    }

    [Fact]
    public async Task Two_addresses_without_tokens_are_counted_apart()
    {
        using var first = fixture.Gateway.Client("127.0.0.2");
        using var second = fixture.Gateway.Client("127.0.0.3");

        for (var i = 0; i < 3; i++)
        {
            using var ok = await first.GetAsync("/api/catalog/agencies");
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Equal("127.0.0.2", (await Echo.ReadAsync(ok)).Headers["X-Forwarded-For"]);
        }
        using var firstRefused = await first.GetAsync("/api/catalog/agencies");
        using var secondServed = await second.GetAsync("/api/catalog/agencies");

        Assert.Equal(HttpStatusCode.TooManyRequests, firstRefused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, secondServed.StatusCode);
    }

    [Theory]
    [InlineData("/connect/token", "127.0.0.6")]
    [InlineData("/account/login", "127.0.0.7")]
    public async Task Password_and_token_posts_have_a_tighter_limit_of_their_own(string path, string address)
    {
        using var client = fixture.Gateway.Client(address);
        var form = () => new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "password", ["username"] = "u", ["password"] = "guess" });

        for (var i = 0; i < 2; i++)
        {
            using var ok = await client.PostAsync(path, form());
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }
        using var refused = await client.PostAsync(path, form());
        using var otherTraffic = await client.GetAsync("/api/catalog/procedures");

        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.TooManyRequests);
        Assert.NotNull(refused.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.OK, otherTraffic.StatusCode); // the login limit does not spill over
    }

    [Fact]
    public async Task Health_endpoints_are_never_rate_limited()
    {
        using var client = fixture.Gateway.Client("127.0.0.8");
        for (var i = 0; i < 6; i++)
        {
            using var live = await client.GetAsync("/health/live");
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        }
    }
}

public sealed class RateLimitSwitchTests
{
    [Fact]
    public async Task A_gateway_with_a_trusted_proxy_that_is_not_an_address_does_not_start()
    {
        await using var backends = await Backends.StartAsync();

        var failure = Assert.ThrowsAny<Exception>(() => GatewayHost.Start(backends.Addresses, new()
        {
            ["Gateway:TrustedProxies:0"] = "the-load-balancer",
        }).Dispose());

        Assert.Contains("Gateway:TrustedProxies: 'the-load-balancer'", failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rate_limits_can_be_switched_off_for_benchmarks()
    {
        await using var backends = await Backends.StartAsync();
        await using var gateway = GatewayHost.Start(backends.Addresses, new()
        {
            ["Gateway:RateLimit:Enabled"] = "false",
            ["Gateway:RateLimit:PermitLimit"] = "1",
            ["Gateway:RateLimit:Login:PermitLimit"] = "1",
        });
        using var client = gateway.Client();

        for (var i = 0; i < 5; i++)
        {
            using var response = await client.PostAsync("/connect/token", new StringContent("grant_type=client_credentials"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }
}
