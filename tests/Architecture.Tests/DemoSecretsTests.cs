using Microsoft.Extensions.Configuration;
using PublicServices.Testing;

namespace PublicServices.Architecture.Tests;

/// <summary>
/// The secrets in a service's appsettings.Demo.json are public: each built service, started in the Production
/// environment with exactly those values, must stop at once and name the setting, before it touches any database.
/// </summary>
public sealed class DemoSecretsTests
{
    [Theory]
    [InlineData("Identity", "Identity:Clients:web:ClientSecret")]
    [InlineData("Identity", "Identity:Clients:svc-dossiers:ClientSecret")]
    [InlineData("Identity", "Identity:Clients:svc-notifications:ClientSecret")]
    [InlineData("Identity", "Identity:Clients:demo-business:ClientSecret")]
    [InlineData("Web", "Web:ClientSecret")]
    [InlineData("Documents", "Documents:LinkSigningKey")]
    [InlineData("Documents", "Auth:ClientSecret")]
    [InlineData("Identity", "Identity:Clients:svc-documents:ClientSecret")]
    [InlineData("Dossiers", "Auth:ClientSecret")]
    [InlineData("Workflow", "Auth:ClientSecret")]
    [InlineData("Payments", "Auth:ClientSecret")]
    [InlineData("Payments", "Payments:VnPay:HashSecret")]
    [InlineData("Notifications", "Auth:ClientSecret")]
    public async Task A_service_refuses_to_start_in_production_on_the_values_of_its_demo_file(string service, string setting)
    {
        var dll = ServiceCommands.Dll(service);
        var demo = new ConfigurationBuilder().AddJsonFile(Path.Combine(Path.GetDirectoryName(dll)!, "appsettings.Demo.json")).Build();
        var environment = demo.AsEnumerable().Where(p => p.Value is not null && !p.Key.StartsWith("//", StringComparison.Ordinal))
            .ToDictionary(p => p.Key.Replace(":", "__", StringComparison.Ordinal), p => p.Value!);
        environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";

        var (exitCode, output) = await ServiceCommands.RunAsync(dll, [], environment, timeout: TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, exitCode);
        Assert.NotEqual(-1, exitCode);
        Assert.Contains($"{setting} is a published demo value", output, StringComparison.Ordinal);
    }
}
