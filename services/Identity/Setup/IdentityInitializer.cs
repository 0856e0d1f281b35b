using Microsoft.Extensions.Options;
using PublicServices.Identity.Data;
using PublicServices.Identity.Keys;
using PublicServices.ServiceDefaults;

namespace PublicServices.Identity.Setup;

public static class IdentityInitializer
{
    /// <summary>
    /// Before the first request: schema up to date (migrations on PostgreSQL), server keys loaded (created once,
    /// shared by all replicas), roles, staff, scopes and clients seeded.
    /// </summary>
    public static async Task InitializeIdentityAsync(this WebApplication app)
    {
        await app.InitializeDatabaseAsync<IdentityDb>();
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var options = services.GetRequiredService<IOptions<IdentityServiceOptions>>().Value;
        await ServerKeyStore.LoadAsync(services.GetRequiredService<IdentityDb>(), options, services.GetRequiredService<ServerKeyRing>());
        await services.GetRequiredService<IdentitySeeder>().SeedAsync();
    }
}
