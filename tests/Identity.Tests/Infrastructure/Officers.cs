using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using PublicServices.Identity.Data;
using PublicServices.ServiceDefaults;

namespace PublicServices.Identity.Tests.Infrastructure;

/// <summary>Officers of their own for tests that change one (turn TOTP on), so the seeded demo staff stay as they are.</summary>
public static class Officers
{
    static int next = Random.Shared.Next(100_000, 900_000);

    public const string Agency = "000.00.12.H10";

    /// <summary>Creates an officer with the seeded officers' password and returns the user name.</summary>
    public static async Task<string> CreateAsync(IdentityFactory app, string role = Roles.OneStopDesk)
    {
        var n = Interlocked.Increment(ref next);
        var user = new ApplicationUser { UserName = $"officer{n}@{Agency}", FullName = $"Officer {n}", AgencyCode = Agency, CreatedAt = DateTimeOffset.UtcNow };
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        Check(await users.CreateAsync(user, app.OfficerPassword));
        Check(await users.AddToRoleAsync(user, role));
        return user.UserName;
    }

    static void Check(IdentityResult result)
    {
        if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
    }
}
