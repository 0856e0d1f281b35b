using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PublicServices.ServiceDefaults;
using PublicServices.Web.Clients;
using PublicServices.Web.Data;
using PublicServices.Web.Resources;
using PublicServices.Web.Sessions;

namespace PublicServices.Web.Pages;

/// <summary>The account page: the profile from the identity service, the notification channel, and the signed-in devices with "log out everywhere".</summary>
public sealed class ProfileModel(IIdentityClient identity, WebDb db, TimeProvider clock, IStringLocalizer<Messages> text) : PortalPage(text)
{
    public Profile Profile { get; private set; } = null!;
    public string Channel { get; private set; } = Preference.Email;
    public IReadOnlyList<WebSession> Sessions { get; private set; } = [];
    public string? CurrentSession { get; private set; }
    public bool Saved { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostChannelAsync(string? channel)
    {
        if (channel is null || !Preference.Channels.Contains(channel))
        {
            AddError("channel", Text["Profile.ChannelRequired"]);
            await LoadAsync();
            return Invalid();
        }
        var user = User.SubjectId()!;
        var preference = await db.Preferences.AsTracking().FirstOrDefaultAsync(p => p.UserId == user, HttpContext.RequestAborted);
        if (preference is null) db.Preferences.Add(new Preference { UserId = user, NotificationChannel = channel });
        else preference.NotificationChannel = channel;
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        Saved = true;
        await LoadAsync();
        return Page();
    }

    /// <summary>
    /// Ends every session of this person, on every device, this one included: the portal's sessions here, and at the
    /// identity service their tokens and login cookies (else another browser would be signed in again silently).
    /// </summary>
    public async Task<IActionResult> OnPostSignOutEverywhereAsync()
    {
        var user = User.SubjectId()!;
        var revoked = await identity.SignOutEverywhereAsync(HttpContext.RequestAborted);
        if (!revoked.IsSuccessStatusCode)
        {
            AddProblem(revoked.Error);
            await LoadAsync();
            return Invalid();
        }
        await db.Sessions.Where(s => s.UserId == user).ExecuteDeleteAsync(HttpContext.RequestAborted);
        await HttpContext.SignOutAsync(WebSchemes.Cookie);
        return SignOut(new AuthenticationProperties { RedirectUri = "/" }, WebSchemes.OpenIdConnect);
    }

    async Task LoadAsync()
    {
        var user = User.SubjectId()!;
        Profile = await identity.MeAsync(HttpContext.RequestAborted);
        Channel = await db.Preferences.Where(p => p.UserId == user).Select(p => p.NotificationChannel).FirstOrDefaultAsync(HttpContext.RequestAborted) ?? Preference.Email;
        var now = clock.GetUtcNow().UtcDateTime;
        Sessions = await db.Sessions.AsNoTracking().Where(s => s.UserId == user && s.ExpiresAt > now).OrderByDescending(s => s.LastSeenAt).ToListAsync(HttpContext.RequestAborted);
        CurrentSession = (await HttpContext.AuthenticateAsync(WebSchemes.Cookie)).Properties?.Items.TryGetValue(SessionTicketStore.SessionItem, out var session) == true ? session : null;
    }
}
