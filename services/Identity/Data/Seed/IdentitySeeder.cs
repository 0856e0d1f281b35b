using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using PublicServices.ServiceDefaults;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace PublicServices.Identity.Data.Seed;

/// <summary>
/// Brings roles, the API scopes and the configured clients to their wanted state, and in the Demo environment the demo
/// officers too. Idempotent; on PostgreSQL it runs under an advisory lock so replicas starting together take turns.
/// Outside Demo no account gets a password from configuration: the first administrator comes from the bootstrap-admin
/// command, officers from the administrator (POST /api/identity/officers).
/// </summary>
public sealed class IdentitySeeder(IdentityDb db, UserManager<ApplicationUser> users, RoleManager<IdentityRole> roles,
    IOpenIddictApplicationManager applications, IOpenIddictScopeManager scopes, IDataProtectionProvider dataProtection,
    IOptions<IdentityOptions> options, IOptions<AuthOptions> auth, IHostEnvironment environment, TimeProvider clock, ILogger<IdentitySeeder> log)
{
    /// <summary>The demo officers and administrator of docs/contracts.md (Demo environment only): user name, full name, agency, role.</summary>
    internal static readonly (string UserName, string FullName, string? Agency, string Role)[] Staff =
    [
        ("desk@000.00.12.H10", "Cán bộ Một cửa (Trung tâm Phục vụ hành chính công tỉnh)", "000.00.12.H10", Roles.OneStopDesk),
        ("specialist@000.00.12.H10", "Chuyên viên (Trung tâm Phục vụ hành chính công tỉnh)", "000.00.12.H10", Roles.Specialist),
        ("leader@000.00.12.H10", "Lãnh đạo (Trung tâm Phục vụ hành chính công tỉnh)", "000.00.12.H10", Roles.Leader),
        ("desk@000.20.01.H10", "Cán bộ Một cửa (UBND phường Phố Hiến)", "000.20.01.H10", Roles.OneStopDesk),
        ("specialist@000.20.01.H10", "Công chức Tư pháp - Hộ tịch (UBND phường Phố Hiến)", "000.20.01.H10", Roles.Specialist),
        ("leader@000.20.01.H10", "Phó Chủ tịch (UBND phường Phố Hiến)", "000.20.01.H10", Roles.Leader),
        ("admin", "Quản trị hệ thống", null, Roles.Admin),
    ];

    static readonly string[] AllRoles =
        [Roles.Citizen, Roles.Business, Roles.OneStopDesk, Roles.Specialist, Roles.Leader, Roles.Admin, Roles.Service];

    // Any fixed number: it names this lock among the database's advisory locks.
    const long SeedLockKey = 0x1D_5EED;

    public async Task SeedAsync(CancellationToken cancel = default)
    {
        var postgres = db.Database.IsNpgsql();
        await db.Database.OpenConnectionAsync(cancel);
        try
        {
            if (postgres) await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({SeedLockKey})", cancel);
            await SeedRolesAsync();
            if (environment.IsDemo()) await SeedStaffAsync();
            else await RetireDemoStaffAsync();
            await SeedScopesAsync(cancel);
            await SeedClientsAsync(cancel);
            if (!environment.IsDemo()) await RemoveDemoClientsAsync(cancel);
            // Create the first data-protection key while holding the lock, so replicas share one key from the start.
            dataProtection.CreateProtector("PublicServices.Identity.Startup").Protect("ready");
        }
        finally
        {
            if (postgres) await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({SeedLockKey})", CancellationToken.None);
            await db.Database.CloseConnectionAsync();
        }
    }

    async Task SeedRolesAsync()
    {
        foreach (var role in AllRoles)
            if (!await roles.RoleExistsAsync(role))
                Check(await roles.CreateAsync(new IdentityRole(role)), $"role {role}");
    }

    /// <summary>Creates missing staff with the configured password; existing accounts keep theirs.</summary>
    async Task SeedStaffAsync()
    {
        foreach (var (userName, fullName, agency, role) in Staff)
        {
            var user = await users.FindByNameAsync(userName);
            if (user is null)
            {
                user = new ApplicationUser { UserName = userName, FullName = fullName, AgencyCode = agency, CreatedAt = clock.GetUtcNow() };
                Check(await users.CreateAsync(user, options.Value.Seed.OfficerPassword), $"user {userName}");
                log.LogInformation("Seeded {User}", userName);
            }
            else if (user.AgencyCode != agency || user.FullName != fullName)
            {
                user.AgencyCode = agency;
                user.FullName = fullName;
                Check(await users.UpdateAsync(user), $"user {userName}");
            }
            if (!await users.IsInRoleAsync(user, role))
                Check(await users.AddToRoleAsync(user, role), $"role of {userName}");
        }
    }

    /// <summary>
    /// A database that once ran in Demo keeps its demo accounts: outside Demo, one that still opens with a published
    /// demo value loses its password (an administrator can give it a new one), so it cannot be signed in to.
    /// </summary>
    async Task RetireDemoStaffAsync()
    {
        var demoValues = ProductionSecrets.DemoValues(environment);
        foreach (var (userName, _, _, _) in Staff)
        {
            if (await users.FindByNameAsync(userName) is not { } user || !await users.HasPasswordAsync(user)) continue;
            foreach (var value in demoValues)
            {
                if (!await users.CheckPasswordAsync(user, value)) continue;
                Check(await users.RemovePasswordAsync(user), $"password of {userName}");
                log.LogWarning("The demo account {User} had a published password outside the Demo environment: its password was removed", userName);
                break;
            }
        }
    }

    /// <summary>Outside Demo, clients that only appsettings.Demo.json defines (demo-business) are deleted if an earlier run made them.</summary>
    async Task RemoveDemoClientsAsync(CancellationToken cancel)
    {
        var demoClients = ProductionSecrets.DemoConfiguration(environment).GetSection($"{IdentityOptions.Section}:{nameof(IdentityOptions.Clients)}")
            .GetChildren().Select(c => c.Key).Where(id => !options.Value.Clients.ContainsKey(id));
        foreach (var id in demoClients)
            if (await applications.FindByClientIdAsync(id, cancel) is { } application)
            {
                await applications.DeleteAsync(application, cancel);
                log.LogWarning("Deleted the demo client {Client}: it exists only in the Demo environment", id);
            }
    }

    async Task SeedScopesAsync(CancellationToken cancel)
    {
        foreach (var name in options.Value.ApiScopes)
        {
            var descriptor = new OpenIddictScopeDescriptor { Name = name, DisplayName = name, Resources = { name } };
            var scope = await scopes.FindByNameAsync(name, cancel);
            if (scope is null) await scopes.CreateAsync(descriptor, cancel);
            else await scopes.UpdateAsync(scope, descriptor, cancel);
        }
    }

    /// <summary>Creates or updates every configured client, so changed redirect URIs or scopes take effect on start.</summary>
    async Task SeedClientsAsync(CancellationToken cancel)
    {
        foreach (var client in options.Value.Clients.Values)
        {
            var application = await applications.FindByClientIdAsync(client.ClientId, cancel);
            var descriptor = new OpenIddictApplicationDescriptor();
            if (application is not null)
                await applications.PopulateAsync(descriptor, application, cancel);
            Describe(client, new Uri(auth.Value.Issuer), descriptor);
            if (application is null)
            {
                descriptor.ClientSecret = client.ClientSecret;
                await applications.CreateAsync(descriptor, cancel);
                log.LogInformation("Seeded client {Client}", client.ClientId);
                continue;
            }
            // PopulateAsync copied the stored hash; a plain secret is set only when the configured one changed.
            if (client.IsPublic) descriptor.ClientSecret = null;
            else if (!await applications.ValidateClientSecretAsync(application, client.ClientSecret!, cancel))
                descriptor.ClientSecret = client.ClientSecret;
            await applications.UpdateAsync(application, descriptor, cancel);
        }
    }

    /// <summary>A redirect address written as a path ("/signin-oidc") is on the gateway: it is resolved against the issuer.</summary>
    static void Describe(ClientOptions client, Uri issuer, OpenIddictApplicationDescriptor d)
    {
        d.ClientId = client.ClientId;
        d.DisplayName = string.IsNullOrEmpty(client.DisplayName) ? client.ClientId : client.DisplayName;
        d.ClientType = client.IsPublic ? ClientTypes.Public : ClientTypes.Confidential;
        d.ConsentType = ConsentTypes.Implicit;
        d.RedirectUris.Clear();
        d.RedirectUris.UnionWith(client.RedirectUris.Select(u => new Uri(issuer, u)));
        d.PostLogoutRedirectUris.Clear();
        d.PostLogoutRedirectUris.UnionWith(client.PostLogoutRedirectUris.Select(u => new Uri(issuer, u)));

        d.Permissions.Clear();
        d.Permissions.Add(Permissions.Endpoints.Token);
        if (client.RedirectUris.Count > 0)
        {
            // Browser sign-in: authorization code with PKCE, refresh tokens, logout, revoking its own tokens (RFC 7009).
            d.Permissions.UnionWith([Permissions.Endpoints.Authorization, Permissions.Endpoints.EndSession, Permissions.Endpoints.Revocation,
                Permissions.GrantTypes.AuthorizationCode, Permissions.GrantTypes.RefreshToken, Permissions.ResponseTypes.Code]);
        }
        // A confidential browser client (the web front end) signs people in; only the others act as themselves.
        if (!client.IsPublic && client.RedirectUris.Count == 0)
            d.Permissions.Add(Permissions.GrantTypes.ClientCredentials);
        foreach (var scope in client.Scopes.Where(s => s is not Scopes.OpenId and not Scopes.OfflineAccess))
            d.Permissions.Add(Permissions.Prefixes.Scope + scope);

        d.Requirements.Clear();
        if (client.IsPublic || client.RedirectUris.Count > 0) d.Requirements.Add(Requirements.Features.ProofKeyForCodeExchange);

        d.Properties.Remove(ClientProperties.Role);
        if (!string.IsNullOrEmpty(client.Role))
            d.Properties[ClientProperties.Role] = JsonSerializer.SerializeToElement(client.Role);
    }

    static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException($"Seeding {what} failed: " + string.Join("; ", result.Errors.Select(e => e.Description)));
    }
}
