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

/// <summary>The account page: the profile from the identity service, the notification channels (the notifications service), and the signed-in devices with "log out everywhere".</summary>
public sealed class ProfileModel(IIdentityClient identity, INotificationsClient notifications, WebDb db, TimeProvider clock,
    ILogger<ProfileModel> log, IStringLocalizer<Messages> text) : PortalPage(text)
{
    /// <summary>The choices of channels: e-mail, SMS, or both (the notifications service's "email", "sms").</summary>
    public static readonly string[] ChannelChoices = ["email", "sms", "both"];

    public Profile Profile { get; private set; } = null!;

    /// <summary>The choice as stored by the notifications service; null when it could not be read.</summary>
    public NotificationPreference? Preference { get; private set; }

    /// <summary>The choice shown (the one posted when it was refused).</summary>
    public string Channel { get; private set; } = "email";
    public IReadOnlyList<WebSession> Sessions { get; private set; } = [];
    public string? CurrentSession { get; private set; }
    public bool Saved { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostChannelAsync(string? channel)
    {
        if (channel is null || !ChannelChoices.Contains(channel))
            AddError("channel", Text["Profile.ChannelRequired"]);
        else
        {
            Channel = channel;
            try
            {
                var current = await notifications.PreferencesAsync(HttpContext.RequestAborted);
                var language = current.Content?.Language ?? (Domain.Display.IsEnglish ? "en" : "vi");
                var saved = await notifications.SavePreferencesAsync(new NotificationPreference(channel == "both" ? ["email", "sms"] : [channel], language),
                    HttpContext.RequestAborted);
                if (saved.IsSuccessStatusCode)
                {
                    Saved = true;
                    await LoadAsync();
                    return Page();
                }
                AddProblem(saved.Error);
                if (Errors.Remove("", out var messages) || Errors.Remove("channels", out messages))
                    foreach (var m in messages) AddError("channel", m);
            }
            catch (Exception e) when (Unreachable(e))
            {
                log.LogWarning(e, "The notifications service could not be reached to save a choice");
                AddError("channel", Text["Profile.NotificationsUnavailable"]);
            }
        }
        var posted = Channel;
        await LoadAsync();
        Channel = channel ?? posted;
        return Invalid();
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
        try
        {
            Preference = (await notifications.PreferencesAsync(HttpContext.RequestAborted)).Content;
        }
        catch (Exception e) when (Unreachable(e))
        {
            log.LogWarning(e, "The notifications service could not be reached for the profile page");
        }
        if (Preference is { } p)
            Channel = p.Channels.Count > 1 ? "both" : (p.Channels.Count == 1 ? p.Channels[0] : "email");
        var now = clock.GetUtcNow().UtcDateTime;
        Sessions = await db.Sessions.AsNoTracking().Where(s => s.UserId == user && s.ExpiresAt > now).OrderByDescending(s => s.LastSeenAt).ToListAsync(HttpContext.RequestAborted);
        CurrentSession = (await HttpContext.AuthenticateAsync(WebSchemes.Cookie)).Properties?.Items.TryGetValue(SessionTicketStore.SessionItem, out var session) == true ? session : null;
    }
}
