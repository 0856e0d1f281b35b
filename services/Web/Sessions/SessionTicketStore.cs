using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using PublicServices.ServiceDefaults;
using PublicServices.Web.Data;

namespace PublicServices.Web.Sessions;

/// <summary>
/// Keeps each session's authentication ticket (with the access and refresh tokens) in the database, encrypted; the
/// cookie carries only a random session id. Any replica finds the session, and "log out everywhere" is a delete.
/// </summary>
public sealed class SessionTicketStore(IServiceScopeFactory scopes, IDataProtectionProvider protection, IHttpContextAccessor http,
    TimeProvider clock) : ITicketStore
{
    readonly IDataProtector protector = protection.CreateProtector("PublicServices.Web.Sessions");

    /// <summary>The ticket's property holding its session's id (the account page marks "this device" with it).</summary>
    public const string SessionItem = "ps.session";

    public async Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        var id = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
        ticket.Properties.Items[SessionItem] = id;
        var now = clock.GetUtcNow().UtcDateTime;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WebDb>();
        // Sessions past their end go when a new one starts: no timer process needed.
        await db.Sessions.Where(s => s.ExpiresAt < now).ExecuteDeleteAsync();
        db.Sessions.Add(new WebSession
        {
            Id = id,
            UserId = ticket.Principal.SubjectId() ?? "",
            Ticket = Protect(ticket),
            Device = Device(),
            CreatedAt = now,
            LastSeenAt = now,
            ExpiresAt = Expiry(ticket, now),
        });
        await db.SaveChangesAsync();
        return id;
    }

    public async Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WebDb>();
        var ticketBytes = Protect(ticket);
        var expires = Expiry(ticket, now);
        await db.Sessions.Where(s => s.Id == key)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Ticket, ticketBytes).SetProperty(s => s.LastSeenAt, now).SetProperty(s => s.ExpiresAt, expires));
    }

    public async Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WebDb>();
        var session = await db.Sessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == key && s.ExpiresAt > now);
        if (session is null)
            return null;
        try
        {
            return TicketSerializer.Default.Deserialize(protector.Unprotect(session.Ticket));
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    public async Task RemoveAsync(string key)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<WebDb>().Sessions.Where(s => s.Id == key).ExecuteDeleteAsync();
    }

    byte[] Protect(AuthenticationTicket ticket) => protector.Protect(TicketSerializer.Default.Serialize(ticket));

    static DateTime Expiry(AuthenticationTicket ticket, DateTime now) => ticket.Properties.ExpiresUtc?.UtcDateTime ?? now.AddHours(2);

    /// <summary>What the person sees in their device list: the browser's own description, cut short.</summary>
    string Device()
    {
        var agent = http.HttpContext?.Request.Headers.UserAgent.ToString() ?? "";
        return agent.Length > 300 ? agent[..300] : agent;
    }
}

/// <summary>The cookie scheme names: the session cookie and the OpenID Connect login.</summary>
public static class WebSchemes
{
    public const string Cookie = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string OpenIdConnect = "oidc";
}
