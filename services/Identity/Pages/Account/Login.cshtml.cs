using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using PublicServices.Identity.Data;
using PublicServices.Identity.Resources;

namespace PublicServices.Identity.Pages.Account;

/// <summary>
/// Login by national ID number (citizens), e-mail or user name (staff), with lockout after repeated failures; a user
/// with an authenticator app goes on to its code. A citizen whose e-mail address is not confirmed yet is refused, and
/// told why only after typing the right password.
/// </summary>
[AllowAnonymous]
public sealed class LoginModel(IStringLocalizer<Messages> text, UserManager<ApplicationUser> users, SignInManager<ApplicationUser> signIn)
    : AccountPage
{
    [BindProperty]
    public string? UserName { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    /// <summary>A hash of a random password, made once, checked in place of a missing account's.</summary>
    static readonly string UnknownUserHash = new PasswordHasher<ApplicationUser>().HashPassword(new ApplicationUser(), Guid.NewGuid().ToString());

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
            var result = user is null ? Microsoft.AspNetCore.Identity.SignInResult.Failed
                : await signIn.PasswordSignInAsync(user, Password!, isPersistent: false, lockoutOnFailure: true);
            // An unknown name costs a password hash too, so the answer's time does not tell that the account is missing.
            if (user is null)
                users.PasswordHasher.VerifyHashedPassword(new ApplicationUser(), UnknownUserHash, Password!);
            if (result.Succeeded)
                return Return();
            if (result.RequiresTwoFactor)
                return Redirect(WithReturnUrl(AccountPaths.TotpVerifyPath));
            // Refused before its password was checked (e-mail not confirmed): only the right password learns why.
            var unconfirmed = result.IsNotAllowed && await users.CheckPasswordAsync(user!, Password!);
            // One message on the user name: which of the two was wrong is not told.
            errors["userName"] = [text[unconfirmed ? "Login.EmailNotConfirmed" : result.IsLockedOut ? "Login.LockedOut" : "Login.Failed"]];
        }
        return Invalid(errors);
    }
}
