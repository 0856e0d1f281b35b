using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace PublicServices.Gateway.Tests;

/// <summary>Each test starts its own backends: readiness tests switch them off, which other tests must not see.</summary>
public sealed class ReadinessTests
{
    [Fact]
    public async Task Ready_when_every_service_is_ready()
    {
        await using var backends = await Backends.StartAsync();
        await using var gateway = GatewayHost.Start(backends.Addresses);

        using var response = await gateway.Client().GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await ReadAsync(response);
        Assert.Equal("Healthy", report.GetProperty("status").GetString());
        var services = report.GetProperty("checks").GetProperty("services").GetProperty("data");
        foreach (var name in Backends.Names)
            Assert.Equal("Healthy", services.GetProperty(name).GetString());
    }

    [Fact]
    public async Task Not_ready_naming_the_service_whose_readiness_fails()
    {
        await using var backends = await Backends.StartAsync();
        await using var gateway = GatewayHost.Start(backends.Addresses);
        backends["catalog"].Ready = false;

        using var response = await gateway.Client().GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var report = await ReadAsync(response);
        Assert.Equal("Unhealthy", report.GetProperty("status").GetString());
        var check = report.GetProperty("checks").GetProperty("services");
        Assert.Contains("catalog", check.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("Unhealthy", check.GetProperty("data").GetProperty("catalog").GetString(), StringComparison.Ordinal);
        Assert.Equal("Healthy", check.GetProperty("data").GetProperty("dossiers").GetString());
    }

    [Fact]
    public async Task A_service_that_is_down_makes_the_gateway_not_ready_and_its_requests_502_problem_details()
    {
        await using var backends = await Backends.StartAsync();
        var closedPort = ClosedPort();
        var addresses = backends.Addresses.Select(b => b.Service == "dossiers" ? (b.Service, $"http://127.0.0.1:{closedPort}") : b);
        await using var gateway = GatewayHost.Start(addresses);
        using var client = gateway.Client();

        using var proxied = await client.GetAsync("/api/dossiers/lookup/x");
        using var ready = await client.GetAsync("/health/ready");
        using var live = await client.GetAsync("/health/live");

        await ProblemAssert.IsProblemAsync(proxied, HttpStatusCode.BadGateway);
        ProxyTests.AssertSecurityHeaders(proxied);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var check = (await ReadAsync(ready)).GetProperty("checks").GetProperty("services");
        Assert.Equal("Not ready: dossiers", check.GetProperty("description").GetString());
        Assert.Contains("unreachable", check.GetProperty("data").GetProperty("dossiers").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode); // liveness does not depend on anyone else
        ProxyTests.AssertSecurityHeaders(live);
        ProxyTests.AssertSecurityHeaders(ready);
    }

    [Fact]
    public async Task A_readiness_result_is_reused_for_the_cache_period()
    {
        await using var backends = await Backends.StartAsync();
        await using var gateway = GatewayHost.Start(backends.Addresses, new() { ["Gateway:Readiness:CacheFor"] = "00:01:00" });
        using var client = gateway.Client();

        for (var i = 0; i < 5; i++)
            (await client.GetAsync("/health/ready")).Dispose();
        backends["identity"].Ready = false;
        using var cached = await client.GetAsync("/health/ready");

        Assert.Equal(1, backends["identity"].ReadinessProbes);
        Assert.Equal(HttpStatusCode.OK, cached.StatusCode);
    }

    static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
