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

    /// <summary>
    /// Before a password or code is checked: how long the attempt must wait (then nothing is checked and nothing
    /// counted), or zero, and then the attempt is already counted as a failure until <see cref="SucceededAsync"/> or
    /// <see cref="TakeBackAsync"/>. Counting first means attempts sent all at once see each other: the database
    /// numbers them, and those numbered past the free failures wait like attempts sent one after another.
    /// </summary>
    public async Task<TimeSpan> AttemptAsync(Attempt attempt, CancellationToken cancel)
    {
        var o = options.Value.LoginThrottle;
        var now = clock.GetUtcNow();
        var forgotten = now - o.ForgetAfter;
        string[] keys = [attempt.AccountAndAddress, attempt.Account, attempt.Address];
        var before = (await db.LoginFailures.AsNoTracking().Where(f => keys.Contains(f.Key)).ToListAsync(cancel))
            .Where(c => c.LastFailureAt > forgotten).ToDictionary(c => c.Key);
        var wait = TimeSpan.Zero;
        foreach (var count in before.Values)
            wait = Max(wait, count.LastFailureAt + LoginDelay.After(count.Failures, Free(attempt, count.Key), o.MaxDelay) - now);
        if (wait > TimeSpan.Zero)
            return wait;

        // One upsert (PostgreSQL and SQLite alike): replicas counting at the same moment lose no failure.
        var after = await db.Database.SqlQuery<KeyCount>($"""
            INSERT INTO "LoginFailures" ("Key", "Failures", "LastFailureAt")
            VALUES ({attempt.AccountAndAddress}, 1, {now}), ({attempt.Account}, 1, {now}), ({attempt.Address}, 1, {now})
            ON CONFLICT ("Key") DO UPDATE SET
                "Failures" = CASE WHEN "LoginFailures"."LastFailureAt" <= {forgotten} THEN 1 ELSE "LoginFailures"."Failures" + 1 END,
                "LastFailureAt" = excluded."LastFailureAt"
            RETURNING "Key", "Failures"
            """).ToListAsync(cancel);
        await db.Database.ExecuteSqlAsync($"""DELETE FROM "LoginFailures" WHERE "LastFailureAt" <= {forgotten}""", cancel);
        // Others counted since the read above failed (or are being checked) just now: this one comes after them.
        foreach (var count in after.Where(a => a.Failures > (before.TryGetValue(a.Key, out var b) ? b.Failures : 0) + 1))
            wait = Max(wait, LoginDelay.After(count.Failures - 1, Free(attempt, count.Key), o.MaxDelay));
        return wait;
    }

    /// <summary>A login that got through: the account starts afresh from this address (not elsewhere); the attempt is no failure.</summary>
    public async Task SucceededAsync(Attempt attempt, CancellationToken cancel)
    {
        await db.LoginFailures.Where(f => f.Key == attempt.AccountAndAddress).ExecuteDeleteAsync(cancel);
        await UncountAsync([attempt.Account, attempt.Address], cancel);
    }

    /// <summary>A right password with a second step to come: the attempt is no failure, but the count stays until that step.</summary>
    public Task TakeBackAsync(Attempt attempt, CancellationToken cancel) =>
        UncountAsync([attempt.AccountAndAddress, attempt.Account, attempt.Address], cancel);

    Task UncountAsync(string[] keys, CancellationToken cancel) =>
        db.LoginFailures.Where(f => keys.Contains(f.Key) && f.Failures > 0)
            .ExecuteUpdateAsync(u => u.SetProperty(f => f.Failures, f => f.Failures - 1), cancel);

    int Free(Attempt attempt, string key)
    {
        var o = options.Value.LoginThrottle;
        return key == attempt.AccountAndAddress ? o.PerAccountAndAddress : key == attempt.Account ? o.PerAccount : o.PerAddress;
    }

    static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    sealed record KeyCount(string Key, int Failures);

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
