namespace PublicServices.Gateway.Tests;

/// <summary>The services behind the gateway, each a real Kestrel app on its own port.</summary>
public sealed class Backends : IAsyncDisposable
{
    public static readonly string[] Names = ["identity", "catalog", "documents", "dossiers", "workflow", "payments", "notifications", "web"];
    readonly Dictionary<string, FakeService> services;

    Backends(Dictionary<string, FakeService> services) => this.services = services;

    public FakeService this[string name] => services[name];

    public IEnumerable<(string Service, string Address)> Addresses => services.Values.Select(s => (s.Name, s.Address));

    public static async Task<Backends> StartAsync()
    {
        var started = await Task.WhenAll(Names.Select(FakeService.StartAsync));
        return new Backends(started.ToDictionary(s => s.Name));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var service in services.Values)
            await service.DisposeAsync();
    }
}

/// <summary>Backends plus one gateway in front of them, shared by the tests of one class.</summary>
public class GatewayFixture : IAsyncLifetime
{
    public Backends Backends { get; private set; } = null!;
    public GatewayHost Gateway { get; private set; } = null!;

    protected virtual Dictionary<string, string?> Settings => [];

    public async Task InitializeAsync()
    {
        Backends = await Backends.StartAsync();
        Gateway = GatewayHost.Start(Backends.Addresses, Settings);
    }

    public async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Backends.DisposeAsync();
    }
}
