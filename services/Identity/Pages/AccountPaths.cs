using Microsoft.AspNetCore.WebUtilities;

namespace PublicServices.Identity.Pages;

/// <summary>
/// The account pages' addresses (the login cookie sends people to them; each page's @page directive repeats its own)
/// and the one rule for where a page may send people afterwards.
/// </summary>
public static class AccountPaths
{
    public const string LoginPath = "/account/login";
    public const string RegisterPath = "/account/register";
    public const string LogoutPath = "/account/logout";
    /// <summary>Where the link mailed at registration leads: it confirms the e-mail address.</summary>
    public const string ConfirmPath = "/account/confirm";
    /// <summary>Setting up an authenticator app (TOTP).</summary>
    public const string TotpPath = "/account/totp";
    /// <summary>A login's second step, after a correct password.</summary>
    public const string TotpVerifyPath = "/account/totp/verify";

    /// <summary>Only addresses on this site are followed after a login, so the page cannot send people elsewhere.</summary>
    internal static string? LocalOrNull(string? url) => WebUi.LocalAddress.OrNull(url);

    internal static string WithReturnUrl(string path, string? returnUrl) =>
        returnUrl is null ? path : QueryHelpers.AddQueryString(path, "returnUrl", returnUrl);
}
