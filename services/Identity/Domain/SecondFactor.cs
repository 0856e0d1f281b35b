using System.Security.Claims;
using PublicServices.ServiceDefaults;

namespace PublicServices.Identity.Domain;

/// <summary>What a login still has to do before the authorization endpoint issues a code.</summary>
public enum SecondFactorStep
{
    None,
    /// <summary>Set up an authenticator app first (/account/totp).</summary>
    Enrol,
    /// <summary>Log in again: the app is set up, but this login did not use it.</summary>
    LogInAgain,
}

/// <summary>
/// How a login was made, as the "amr" values of RFC 8176 that tokens and userinfo carry, and the officers' rule built
/// on it. One place, because the authorization and token endpoints must agree on what counts as a TOTP login.
/// </summary>
public static class SecondFactor
{
    public const string MethodsClaim = "amr";
    public const string Password = "pwd";
    public const string OneTimePassword = "otp";

    // ASP.NET Core Identity writes amr "pwd" into its cookie after a password alone and only "mfa" after the second
    // step (TwoFactorAuthenticatorSignInAsync and TwoFactorRecoveryCodeSignInAsync alike).
    const string IdentityTwoFactor = "mfa";

    /// <summary>The cookie's mark of a passed second step, as Identity's own two-factor sign-in writes it.</summary>
    public static Claim PassedClaim() => new(MethodsClaim, IdentityTwoFactor);

    /// <summary>
    /// The amr values of the login behind the identity cookie. A recovery code counts as "otp": it is a one-time password
    /// standing in for the app's code.
    /// </summary>
    public static string[] MethodsOf(ClaimsPrincipal login) =>
        login.HasClaim(MethodsClaim, IdentityTwoFactor) ? [Password, OneTimePassword] : [Password];

    /// <summary>
    /// Under Identity:RequireOfficerTotp, what an officer's login lacks; citizens and other roles are never made to use
    /// TOTP (they may turn it on).
    /// </summary>
    public static SecondFactorStep MissingForOfficer(IEnumerable<string> roles, bool enrolled, IEnumerable<string> methods) =>
        !roles.Any(Roles.Officer.Contains) || methods.Contains(OneTimePassword) ? SecondFactorStep.None
        : enrolled ? SecondFactorStep.LogInAgain
        : SecondFactorStep.Enrol;
}
