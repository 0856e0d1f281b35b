using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PublicServices.Identity.Data;

namespace PublicServices.Identity.Domain;

/// <summary>Creates an account, already validated, with its role in one transaction.</summary>
public static class AccountCreation
{
    /// <summary>
    /// True when the account exists with its role; false when it was refused as a duplicate (found by Identity, or
    /// by a unique index when a concurrent request won the race), with nothing stored.
    /// </summary>
    public static async Task<bool> CreateAsync(IdentityDb db, UserManager<ApplicationUser> users, ApplicationUser user, string password,
        string role, CancellationToken cancel)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancel);
        try
        {
            if (!(await users.CreateAsync(user, password)).Succeeded) return false;
            var added = await users.AddToRoleAsync(user, role);
            if (!added.Succeeded) throw new InvalidOperationException($"Could not give the role {role}: " + string.Join("; ", added.Errors.Select(x => x.Code)));
            await transaction.CommitAsync(cancel);
            return true;
        }
        catch (DbUpdateException)
        {
            await transaction.RollbackAsync(cancel);
            db.ChangeTracker.Clear();
            return false;
        }
    }
}
