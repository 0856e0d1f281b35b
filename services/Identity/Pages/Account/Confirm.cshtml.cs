using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using PublicServices.Identity.Data;

namespace PublicServices.Identity.Pages.Account;

/// <summary>
/// The page the mailed link opens: it confirms the e-mail address (so the account may log in) and offers the login,
/// which then goes on to where the registration was going. It does not log in by itself: a link is not a password.
/// A wrong, used-up or expired link gets 400 and the way to a new one (registering again mails the owner a new link).
/// </summary>
[AllowAnonymous]
public sealed class ConfirmModel(UserManager<ApplicationUser> users) : AccountPage
{
    public bool Confirmed { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? userId, string? code)
    {
        var user = string.IsNullOrEmpty(userId) ? null : await users.FindByIdAsync(userId);
        if (user is not null && Decode(code) is { } token)
            Confirmed = user.EmailConfirmed || (await users.ConfirmEmailAsync(user, token)).Succeeded;
        return Confirmed ? Page() : new PageResult { StatusCode = StatusCodes.Status400BadRequest };
    }

    static string? Decode(string? code)
    {
        if (string.IsNullOrEmpty(code)) return null;
        try { return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code)); }
        catch (FormatException) { return null; }
    }
}
