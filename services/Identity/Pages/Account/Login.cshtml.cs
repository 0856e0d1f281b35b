using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using PublicServices.Identity.Data;
using PublicServices.Identity.Domain;
using PublicServices.Identity.Resources;
using PublicServices.ServiceDefaults.Audit;

namespace PublicServices.Identity.Pages.Account;

/// <summary>
/// Login by national ID number (citizens), e-mail or user name (staff), with growing delays after repeated failures
/// (LoginThrottle) rather than a lockout; a user with an authenticator app goes on to its code. A citizen whose e-mail
/// address is not confirmed yet is refused, and told why only after typing the right password.
/// </summary>
[AllowAnonymous]
public sealed class LoginModel(IStringLocalizer<Messages> text, UserManager<ApplicationUser> users, SignInManager<ApplicationUser> signIn,
    LoginThrottle throttle, IdentityDb db, AuditTrail audit) : AccountPage
{
    [BindProperty]
    public string? UserName { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    public async Task<IActionResult> OnPostAsync()
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(UserName))
            errors["userName"] = [text["Login.UserNameRequired"]];
        if (string.IsNullOrEmpty(Password))
            errors["password"] = [text["Login.PasswordRequired"]];
        if (errors.Count == 0)
        {
            var name = UserName!.Trim();
            var user = await users.FindByNameAsync(name) ?? (name.Contains('@', StringComparison.Ordinal) ? await users.FindByEmailAsync(name) : null);
            var cancel = HttpContext.RequestAborted;
            var attempt = LoginThrottle.Attempt.For(user?.Id ?? users.NormalizeName(name), HttpContext.Connection.RemoteIpAddress);
            if (await throttle.AttemptAsync(attempt, cancel) is var wait && wait > TimeSpan.Zero)
                return Throttled("userName", LoginThrottle.Message(text, wait), wait);
            if (user is null)
                throttle.CheckWithoutAccount(Password!);
            var result = user is null ? Microsoft.AspNetCore.Identity.SignInResult.Failed
                : await signIn.PasswordSignInAsync(user, Password!, isPersistent: false, lockoutOnFailure: false);
            // The audit log names the account, never what was typed for an unknown one (it may be a password).
            audit.Add(db, user?.Id ?? "unknown", user?.UserName, result.Succeeded ? "login.succeeded" : result.RequiresTwoFactor ? "login.password_accepted" : "login.failed",
                user?.UserName ?? "-", new { address = HttpContext.Connection.RemoteIpAddress?.ToString() });
            await db.SaveChangesAsync(cancel);
            if (result.Succeeded)
            {
                await throttle.SucceededAsync(attempt, cancel);
                return Return();
            }
            // The password was right; the second step's codes count under the same keys until it is passed.
            if (result.RequiresTwoFactor)
            {
                await throttle.TakeBackAsync(attempt, cancel);
                return Redirect(WithReturnUrl(AccountPaths.TotpVerifyPath));
            }
            // Refused before its password was checked (e-mail not confirmed): only the right password learns why.
            var unconfirmed = result.IsNotAllowed && await users.CheckPasswordAsync(user!, Password!);
            // One message on the user name: which of the two was wrong is not told.
            errors["userName"] = [text[unconfirmed ? "Login.EmailNotConfirmed" : "Login.Failed"]];
        }
        return Invalid(errors);
    }
}
