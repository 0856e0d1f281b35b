using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using PublicServices.Identity.Data;
using PublicServices.Identity.Domain;
using PublicServices.Identity.Resources;
using PublicServices.Identity.Server;
using PublicServices.ServiceDefaults;
using PublicServices.WebUi.Resources;
using QRCoder;

namespace PublicServices.Identity.Pages.Account;

/// <summary>
/// Setting up an authenticator app, so that a password alone no longer logs this account in: the app takes the key
/// from a QR code (or typed), one of its codes proves it, and ten recovery codes are shown once for a lost phone.
/// Officers must do this under Identity:RequireOfficerTotp; citizens may. The key is never shown once the app is on.
/// </summary>
[Authorize(Policy = IdentityPolicies.SignedIn)]
public sealed class TotpModel(UserManager<ApplicationUser> users, SignInManager<ApplicationUser> signIn, IOptions<IdentityOptions> options,
    IStringLocalizer<Messages> text, IStringLocalizer<UiText> ui) : AccountPage
{
    const int RecoveryCodeCount = 10;

    [BindProperty]
    public string? Code { get; set; }

    /// <summary>The app was already set up when the page was asked for.</summary>
    public bool AlreadyOn { get; private set; }

    /// <summary>An officer sent here by the authorization endpoint before any code is issued.</summary>
    public bool Required { get; private set; }

    public string Key { get; private set; } = "";
    public string KeyUri { get; private set; } = "";
    /// <summary>The QR code of <see cref="KeyUri"/> as a PNG data: address (the CSP allows data: images, not inline styles).</summary>
    public string QrCode { get; private set; } = "";
    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];

    public string Continue => LocalReturnUrl ?? "/";

    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.GetUserAsync(User) is not { } user) return Challenge();
        if (!await ShowKeyAsync(user)) AlreadyOn = true;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is not { } user) return Challenge();
        if (!await ShowKeyAsync(user))
        {
            AlreadyOn = true;
            return Page();
        }
        var code = Authenticator.SixDigits(Code);
        if (code is null || !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
            return Invalid(new() { ["code"] = [text[string.IsNullOrWhiteSpace(Code) ? "Totp.CodeRequired" : "Totp.CodeWrong"]] },
                StatusCodes.Status400BadRequest);

        Check(await users.SetTwoFactorEnabledAsync(user, true));
        RecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount) ?? []];
        // The code just typed proves the app as a login's second step would, so this login now counts as one with TOTP
        // (and the cookie carries the security stamp that enabling changed).
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [SecondFactor.PassedClaim()]);
        // Shown once: no copy in a cache or the browser's history.
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    /// <summary>Fills the key, its QR code and the officer's notice; false (nothing shown) when the app is already on.</summary>
    async Task<bool> ShowKeyAsync(ApplicationUser user)
    {
        if (await users.GetTwoFactorEnabledAsync(user)) return false;
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            // Created once and kept until the app is confirmed, so reloading the page does not change the QR code.
            Check(await users.ResetAuthenticatorKeyAsync(user));
            key = await users.GetAuthenticatorKeyAsync(user) ?? throw new InvalidOperationException("No authenticator key was stored.");
            // A new key changes the security stamp; the cookie takes the new one so this login does not end in 30 minutes.
            await signIn.RefreshSignInAsync(user);
        }
        Key = Authenticator.Grouped(key);
        KeyUri = Authenticator.Uri(ui["Brand"], user.UserName!, key);
        QrCode = "data:image/png;base64," + Convert.ToBase64String(PngByteQRCodeHelper.GetQRCode(KeyUri, QRCodeGenerator.ECCLevel.M, 4));
        Required = options.Value.RequireOfficerTotp && (await users.GetRolesAsync(user)).Any(Roles.Officer.Contains);
        return true;
    }

    static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException("Turning on two-factor login failed: " + string.Join("; ", result.Errors.Select(e => e.Description)));
    }
}
