using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using PublicServices.Identity.Data;
using PublicServices.Identity.Resources;
using PublicServices.ServiceDefaults;

namespace PublicServices.Identity.Domain;

/// <summary>
/// Failed password and second-step checks, counted in the identity database (so all replicas count together) under
/// three keys: the account from this client address (Identity:LoginThrottle:PerAccountAndAddress free failures), the
/// account from anywhere (PerAccount, generous, since anyone can add to it) and the address across accounts (PerAddress,
/// against one password tried on many accounts). Past its free failures a key makes the next check wait (LoginDelay);
/// a waiting attempt is answered without checking anything. Decision: no lockout. Identity's lockout let anyone who
/// knew an officer's user name keep the officer out; a delay per address leaves the owner, elsewhere, unaffected.
/// An account that does not exist is counted and answered the same way, by its normalized name.
/// </summary>
public sealed class LoginThrottle(IdentityDb db, TimeProvider clock, IOptions<IdentityOptions> options, IPasswordHasher<ApplicationUser> hasher)
{
    static readonly ApplicationUser NoAccount = new();
    static string? noAccountHash;

    /// <summary>The keys one attempt counts under.</summary>
    public readonly record struct Attempt(string AccountAndAddress, string Account, string Address)
    {
        /// <summary><paramref name="account"/> is the user's id, or the normalized name typed when there is no such user.</summary>
        public static Attempt For(string account, IPAddress? address)
        {
            var client = TrustedProxies.Partition(address).ToString();
            return new(Key("account+address", account + "\n" + client), Key("account", account), Key("address", client));
        }

        // A hash, so the table never holds what someone typed as a user name.
        static string Key(string kind, string value) =>
            Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(kind + ":" + value)));
    }

    /// <summary>How long the attempt must wait before anything is checked; zero when it may go ahead.</summary>
    public async Task<TimeSpan> WaitAsync(Attempt attempt, CancellationToken cancel)
    {
        var o = options.Value.LoginThrottle;
        var now = clock.GetUtcNow();
        string[] keys = [attempt.AccountAndAddress, attempt.Account, attempt.Address];
        var counts = await db.LoginFailures.AsNoTracking().Where(f => keys.Contains(f.Key)).ToListAsync(cancel);
        var wait = TimeSpan.Zero;
        foreach (var count in counts.Where(c => now - c.LastFailureAt < o.ForgetAfter))
        {
            var free = count.Key == attempt.AccountAndAddress ? o.PerAccountAndAddress : count.Key == attempt.Account ? o.PerAccount : o.PerAddress;
            var left = count.LastFailureAt + LoginDelay.After(count.Failures, free, o.MaxDelay) - now;
            if (left > wait) wait = left;
        }
        return wait;
    }

    /// <summary>Counts a failure under the attempt's three keys, and forgets counts that have been quiet long enough.</summary>
    public async Task FailedAsync(Attempt attempt, CancellationToken cancel)
    {
        var now = clock.GetUtcNow();
        var forgotten = now - options.Value.LoginThrottle.ForgetAfter;
        // One upsert (PostgreSQL and SQLite alike): replicas counting at the same moment lose no failure.
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "LoginFailures" ("Key", "Failures", "LastFailureAt")
            VALUES ({attempt.AccountAndAddress}, 1, {now}), ({attempt.Account}, 1, {now}), ({attempt.Address}, 1, {now})
            ON CONFLICT ("Key") DO UPDATE SET
                "Failures" = CASE WHEN "LoginFailures"."LastFailureAt" <= {forgotten} THEN 1 ELSE "LoginFailures"."Failures" + 1 END,
                "LastFailureAt" = excluded."LastFailureAt"
            """, cancel);
        await db.Database.ExecuteSqlAsync($"""DELETE FROM "LoginFailures" WHERE "LastFailureAt" <= {forgotten}""", cancel);
    }

    /// <summary>A login that got through: the account starts afresh from this address (not elsewhere).</summary>
    public Task SucceededAsync(Attempt attempt, CancellationToken cancel) =>
        db.LoginFailures.Where(f => f.Key == attempt.AccountAndAddress).ExecuteDeleteAsync(cancel);

    /// <summary>For a name with no account: the same password-hash work as a real check, so the time taken tells nothing.</summary>
    public void CheckWithoutAccount(string password) =>
        hasher.VerifyHashedPassword(NoAccount, noAccountHash ??= hasher.HashPassword(NoAccount, "no account"), password);

    /// <summary>"Try again in …", in seconds below a minute, else in minutes (rounded up).</summary>
    public static string Message(IStringLocalizer<Messages> text, TimeSpan wait)
    {
        var seconds = LoginDelay.Seconds(wait);
        var when = seconds < 60 ? text["Login.WaitSeconds", seconds] : text["Login.WaitMinutes", (seconds + 59) / 60];
        return text["Login.Throttled", when];
    }
}
