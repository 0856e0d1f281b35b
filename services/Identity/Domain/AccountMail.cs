using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using PublicServices.Identity.Data;
using PublicServices.Identity.Pages;
using PublicServices.Identity.Resources;
using PublicServices.ServiceDefaults;

namespace PublicServices.Identity.Domain;

/// <summary>
/// The account's e-mails, written in the language the person registered in and added to the mail queue of the
/// caller's unit of work (saved with it, sent later): the confirmation link, and the warning to an account's owner
/// that someone tried to register with their national ID number or e-mail address.
/// </summary>
public sealed class AccountMail(IdentityDb db, UserManager<ApplicationUser> users, IStringLocalizer<Messages> text,
    IOptions<AuthOptions> auth, TimeProvider clock)
{
    /// <summary>Queues the link that confirms <paramref name="user"/>'s e-mail address, and returns it.</summary>
    public async Task<Uri> QueueConfirmationAsync(ApplicationUser user, string? returnUrl)
    {
        var link = await ConfirmationLinkAsync(user, returnUrl);
        InLanguage(user.Language, () => Queue(user.Email!, text["Mail.Confirm.Subject"], text["Mail.Confirm.Body", user.FullName, link]));
        return link;
    }

    /// <summary>
    /// Tells the owner of an account that a registration named their national ID number and/or e-mail address. An owner
    /// who never confirmed the address gets a new confirmation link, so registering again is how a lost link is resent.
    /// </summary>
    public async Task QueueTakenWarningAsync(ApplicationUser owner, bool nationalIdTaken, bool emailTaken)
    {
        if (string.IsNullOrEmpty(owner.Email)) return;
        var link = owner.EmailConfirmed ? null : await ConfirmationLinkAsync(owner, null);
        var login = new Uri(Issuer, AccountPaths.LoginPath.TrimStart('/'));
        InLanguage(owner.Language, () =>
        {
            var what = text[nationalIdTaken && emailTaken ? "Mail.Taken.Both" : nationalIdTaken ? "Mail.Taken.NationalId" : "Mail.Taken.Email"];
            var next = link is null ? text["Mail.Taken.SignIn", login] : text["Mail.Taken.Confirm", link];
            Queue(owner.Email, text["Mail.Taken.Subject"], text["Mail.Taken.Body", owner.FullName, what, next]);
        });
    }

    Uri Issuer => new(auth.Value.Issuer);

    async Task<Uri> ConfirmationLinkAsync(ApplicationUser user, string? returnUrl)
    {
        var code = WebEncoders.Base64UrlEncode(System.Text.Encoding.UTF8.GetBytes(await users.GenerateEmailConfirmationTokenAsync(user)));
        var query = new Dictionary<string, string?> { ["userId"] = user.Id, ["code"] = code };
        if (AccountPaths.LocalOrNull(returnUrl) is { } local) query["returnUrl"] = local;
        return new Uri(QueryHelpers.AddQueryString(new Uri(Issuer, AccountPaths.ConfirmPath.TrimStart('/')).AbsoluteUri, query));
    }

    void Queue(string to, string subject, string body) => db.MailQueue.Add(OutgoingMail.Create(to, subject, body, clock.GetUtcNow()));

    /// <summary>Texts read inside <paramref name="write"/> come in <paramref name="language"/> (Vietnamese unless English).</summary>
    static void InLanguage(string? language, Action write)
    {
        var saved = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language == "en" ? "en" : "vi");
        try { write(); }
        finally { CultureInfo.CurrentUICulture = saved; }
    }

    /// <summary>The language of the current request, to remember with a new account.</summary>
    public static string CurrentLanguage => Languages.IsEnglish ? "en" : "vi";
}
