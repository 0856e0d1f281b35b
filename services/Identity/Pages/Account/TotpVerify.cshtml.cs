using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using PublicServices.Identity.Data;
using PublicServices.Identity.Domain;
using PublicServices.Identity.Resources;
using PublicServices.Identity.Server;

namespace PublicServices.Identity.Pages.Account;

/// <summary>
/// A login's second step, only after a correct password: the authenticator app's code, or one of the recovery codes
/// (each works once) for a lost phone. Wrong codes count towards the lockout like wrong passwords.
/// </summary>
[Authorize(Policy = IdentityPolicies.SecondStep)]
public sealed class TotpVerifyModel(UserManager<ApplicationUser> users, SignInManager<ApplicationUser> signIn, IStringLocalizer<Messages> text)
    : AccountPage
{
    public const string RecoveryHandler = "recovery";

    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public string? RecoveryCode { get; set; }

    public async Task<IActionResult> OnPostAsync()
    {
        if (Authenticator.SixDigits(Code) is not { } code)
            return Refused("code", string.IsNullOrWhiteSpace(Code) ? "Totp.CodeRequired" : "Totp.CodeFormat");
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        return result.Succeeded ? Return() : Refused("code", result.IsLockedOut ? "Login.LockedOut" : "Totp.CodeWrong");
    }

    public async Task<IActionResult> OnPostRecoveryAsync()
    {
        if (string.IsNullOrWhiteSpace(RecoveryCode))
            return Refused("recoveryCode", "TotpVerify.RecoveryRequired");
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is not { } user)
            return Redirect(WithReturnUrl(AccountPaths.LoginPath));
        // Identity neither checks the lockout before a recovery code nor counts a wrong one: both done here, as for
        // the app's codes.
        if (await users.IsLockedOutAsync(user))
            return Refused("recoveryCode", "Login.LockedOut");
        var result = await signIn.TwoFactorRecoveryCodeSignInAsync(Authenticator.RecoveryCode(RecoveryCode) ?? RecoveryCode);
        if (result.Succeeded)
            return Return();
        await users.AccessFailedAsync(user);
        return Refused("recoveryCode", await users.IsLockedOutAsync(user) ? "Login.LockedOut" : "TotpVerify.RecoveryWrong");
    }

    PageResult Refused(string field, string message) =>
        Invalid(new() { [field] = [text[message]] }, StatusCodes.Status400BadRequest);
}
