using PublicServices.Identity.Tests.Infrastructure;
using PublicServices.Testing;

namespace PublicServices.Identity.Tests;

/// <summary>`dotnet PublicServices.Identity.dll bootstrap-admin`, run as an operator runs it against a production database.</summary>
public sealed class AdminBootstrapTests : IAsyncLifetime
{
    PostgresDatabase database = null!;
    (string Key, string? Value)[] secrets = null!;

    public async Task InitializeAsync()
    {
        database = await PostgresDatabase.CreateAsync("identity");
        secrets = ProductionSettings.StrongSecrets();
    }

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task Bootstrap_creates_the_first_administrator_once_and_refuses_the_second_time()
    {
        const string password = "Qu4n-tri@Vien-2026";

        var first = await BootstrapAsync("root", password);
        var second = await BootstrapAsync("root2", password);

        Assert.True(first.ExitCode == 0, first.Output);
        Assert.Contains("Created the administrator root", first.Output, StringComparison.Ordinal);
        Assert.Equal(4, second.ExitCode);
        Assert.Contains("an administrator already exists", second.Output, StringComparison.Ordinal);
        await using var app = IdentityFactory.InProduction(database, secrets);
        var admin = await Oidc.SignInAsync(app, "root", password);
        Assert.Contains("admin", admin.Access.Values("role"));
        await Assert.ThrowsAnyAsync<Exception>(() => Oidc.SignInAsync(app, "root2", password));
    }

    [Fact]
    public async Task Bootstrap_refuses_a_password_that_breaks_the_password_rules()
    {
        var weak = await BootstrapAsync("root", "short");
        var strong = await BootstrapAsync("root", "Qu4n-tri@Vien-2026");

        Assert.True(weak.ExitCode == 3, weak.Output);
        Assert.True(strong.ExitCode == 0, strong.Output);
    }

    Task<(int ExitCode, string Output)> BootstrapAsync(string userName, string password) =>
        ServiceCommands.BootstrapAdminAsync(ServiceCommands.Dll("Identity"), userName, password,
            new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["DOTNET_ENVIRONMENT"] = "Production",
                ["Database__Provider"] = "Postgres",
                ["ConnectionStrings__identity"] = database.ConnectionString,
                ["Logging__LogLevel__Default"] = "Warning",
            }.Concat(secrets.Select(s => KeyValuePair.Create(s.Key.Replace(":", "__", StringComparison.Ordinal), s.Value!))).ToDictionary());
}
