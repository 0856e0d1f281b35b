using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using PublicServices.Identity.Data;
using PublicServices.Identity.Domain;
using PublicServices.Identity.Resources;
using PublicServices.Identity.Server;
using PublicServices.ServiceDefaults.Audit;

namespace PublicServices.Identity.Pages.Account;

/// <summary>
/// A login's second step, only after a correct password: the authenticator app's code, or one of the recovery codes
/// (each works once) for a lost phone. Wrong codes count in LoginThrottle like wrong passwords, and a waiting attempt
/// is answered without checking its code.
/// </summary>
[Authorize(Policy = IdentityPolicies.SecondStep)]
public sealed class TotpVerifyModel(SignInManager<ApplicationUser> signIn, LoginThrottle throttle, IStringLocalizer<Messages> text,
    IdentityDb db, AuditTrail audit)
    : AccountPage
{
    public const string RecoveryHandler = "recovery";

    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public string? RecoveryCode { get; set; }

    public Task<IActionResult> OnPostAsync()
    {
        if (Authenticator.SixDigits(Code) is not { } code)
            return Task.FromResult<IActionResult>(Refused("code", string.IsNullOrWhiteSpace(Code) ? "Totp.CodeRequired" : "Totp.CodeFormat"));
        return CheckAsync("code", "Totp.CodeWrong", () => signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false));
    }

    public Task<IActionResult> OnPostRecoveryAsync()
    {
        if (string.IsNullOrWhiteSpace(RecoveryCode))
            return Task.FromResult<IActionResult>(Refused("recoveryCode", "TotpVerify.RecoveryRequired"));
        return CheckAsync("recoveryCode", "TotpVerify.RecoveryWrong",
            () => signIn.TwoFactorRecoveryCodeSignInAsync(Authenticator.RecoveryCode(RecoveryCode) ?? RecoveryCode));
    }

    async Task<IActionResult> CheckAsync(string field, string wrong, Func<Task<Microsoft.AspNetCore.Identity.SignInResult>> check)
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is not { } user)
            return Redirect(WithReturnUrl(AccountPaths.LoginPath));
        var cancel = HttpContext.RequestAborted;
        var attempt = LoginThrottle.Attempt.For(user.Id, HttpContext.Connection.RemoteIpAddress);
        if (await throttle.AttemptAsync(attempt, cancel) is var wait && wait > TimeSpan.Zero)
            return Throttled(field, LoginThrottle.Message(text, wait), wait);
        if (!(await check()).Succeeded)
            return Refused(field, wrong);
        await throttle.SucceededAsync(attempt, cancel);
        audit.Add(db, user.Id, user.UserName, "login.succeeded", user.UserName!, new { address = HttpContext.Connection.RemoteIpAddress?.ToString(), second = field });
        await db.SaveChangesAsync(cancel);
        return Return();
    }

    PageResult Refused(string field, string message) =>
        Invalid(new() { [field] = [text[message]] }, StatusCodes.Status400BadRequest);
}
