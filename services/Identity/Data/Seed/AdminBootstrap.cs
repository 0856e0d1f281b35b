using Microsoft.AspNetCore.Identity;
using PublicServices.ServiceDefaults;
using PublicServices.ServiceDefaults.Audit;

namespace PublicServices.Identity.Data.Seed;

/// <summary>
/// The one-time command that creates a deployment's first administrator:
/// <c>dotnet PublicServices.Identity.dll bootstrap-admin &lt;user-name&gt;</c>, with the service's own configuration
/// (database, secrets). The password comes from PUBLICSERVICES_ADMIN_PASSWORD or, when that is unset, the first line of
/// standard input, and must pass the service's password rules. It refuses once any administrator exists, so it cannot
/// be used to take over a running deployment. It brings the schema up to date and touches no client or other account,
/// so it may run before or beside the service.
/// </summary>
public static class AdminBootstrap
{
    public const string Command = "bootstrap-admin";
    public const string PasswordVariable = "PUBLICSERVICES_ADMIN_PASSWORD";

    public const int Created = 0;
    public const int Usage = 2;
    public const int Refused = 3;
    public const int AdministratorExists = 4;

    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] == Command;

    /// <summary>The arguments the host's configuration reads: the command's own words removed.</summary>
    public static string[] HostArgs(string[] args) => IsCommand(args) ? args[Math.Min(args.Length, 2)..] : args;

    public static async Task<int> RunAsync(WebApplication app, string[] args, TextReader input, TextWriter output)
    {
        if (args.Length < 2 || string.IsNullOrWhiteSpace(args[1]) || args[1].StartsWith('-'))
        {
            await output.WriteLineAsync($"Usage: dotnet PublicServices.Identity.dll {Command} <user-name>  (password in {PasswordVariable} or on standard input)");
            return Usage;
        }
        var password = Environment.GetEnvironmentVariable(PasswordVariable) is { Length: > 0 } p ? p : await input.ReadLineAsync();
        if (string.IsNullOrEmpty(password))
        {
            await output.WriteLineAsync($"No password: set {PasswordVariable} or write it on standard input.");
            return Usage;
        }

        await app.InitializeDatabaseAsync<IdentityDb>();
        await using var scope = app.Services.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        if (!await roles.RoleExistsAsync(Roles.Admin)) await roles.CreateAsync(new IdentityRole(Roles.Admin));
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        if ((await users.GetUsersInRoleAsync(Roles.Admin)).Count > 0)
        {
            await output.WriteLineAsync("Refused: an administrator already exists. Further accounts are created by an administrator.");
            return AdministratorExists;
        }

        var userName = args[1].Trim();
        var admin = new ApplicationUser { UserName = userName, FullName = userName, CreatedAt = clock.GetUtcNow() };
        await using var transaction = await db.Database.BeginTransactionAsync();
        var created = await users.CreateAsync(admin, password);
        var role = created.Succeeded ? await users.AddToRoleAsync(admin, Roles.Admin) : created;
        if (!role.Succeeded)
        {
            await output.WriteLineAsync("Refused: " + string.Join(" ", role.Errors.Select(e => e.Description)));
            return Refused;
        }
        scope.ServiceProvider.GetRequiredService<AuditTrail>().Add(db, admin.Id, userName, "admin.bootstrapped", userName);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        await output.WriteLineAsync($"Created the administrator {userName}.");
        return Created;
    }
}
