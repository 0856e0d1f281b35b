using System.Net;
using System.Net.Http.Headers;

namespace PublicServices.Gateway.Tests;

public sealed class EdgeCacheFixture : GatewayFixture
{
    protected override Dictionary<string, string?> Settings => new() { ["Gateway:EdgeCache:Lifetime"] = "00:01:00" };
}

public sealed class EdgeCacheTests(EdgeCacheFixture fixture) : IClassFixture<EdgeCacheFixture>
{
    readonly HttpClient client = fixture.Gateway.Client();
    FakeService Catalog => fixture.Backends["catalog"];

    static string Unique(string path) => $"{path}?q={Guid.NewGuid():N}";

    [Fact]
    public async Task A_repeated_anonymous_catalog_search_is_answered_from_the_edge_with_its_own_correlation_id()
    {
        var url = Unique("/api/catalog/procedures");
        var before = Catalog.Hits;

        using var first = await client.GetAsync(url);
        using var second = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(before + 1, Catalog.Hits);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        var firstId = first.Headers.GetValues("X-Correlation-Id").Single();
        var secondId = second.Headers.GetValues("X-Correlation-Id").Single();
        Assert.NotEqual(firstId, secondId);
        Assert.Equal("nosniff", second.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task Other_queries_are_different_answers()
    {
        var before = Catalog.Hits;

        using var a = await client.GetAsync(Unique("/api/catalog/procedures"));
        using var b = await client.GetAsync(Unique("/api/catalog/procedures"));

        Assert.Equal(before + 2, Catalog.Hits);
    }

    [Fact]
    public async Task Requests_with_credentials_or_cookies_always_reach_the_catalog()
    {
        var url = Unique("/api/catalog/admin/procedures");
        var before = Catalog.Hits;

        for (var i = 0; i < 2; i++)
        {
            using var withToken = new HttpRequestMessage(HttpMethod.Get, url);
            withToken.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "token-of-an-admin");
            using var _ = await client.SendAsync(withToken);
            using var withCookie = new HttpRequestMessage(HttpMethod.Get, url);
            withCookie.Headers.Add("Cookie", "culture=en");
            using var __ = await client.SendAsync(withCookie);
        }

        Assert.Equal(before + 4, Catalog.Hits);
    }

    [Fact]
    public async Task No_cache_from_the_client_goes_to_the_catalog()
    {
        var url = Unique("/api/catalog/procedures");
        using var first = await client.GetAsync(url);
        var before = Catalog.Hits;

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.CacheControl = new CacheControlHeaderValue { NoCache = true };
        using var fresh = await client.SendAsync(request);

        Assert.Equal(before + 1, Catalog.Hits);
    }

    [Fact]
    public async Task Only_the_catalog_route_is_cached()
    {
        var url = Unique("/api/dossiers/lookup/000.00.12.H10-261126-0001");
        var before = fixture.Backends["dossiers"].Hits;

        using var a = await client.GetAsync(url);
        using var b = await client.GetAsync(url);

        Assert.Equal(before + 2, fixture.Backends["dossiers"].Hits);
    }
}
