using System.Text;

namespace PublicServices.Identity.Domain;

/// <summary>
/// The authenticator app's side of TOTP: the otpauth:// address its QR code carries (the Key URI format every app
/// reads), the key as people type it, and the codes as people type them back (with spaces, in lower case).
/// </summary>
public static class Authenticator
{
    /// <summary>Six digits, 30 seconds: the app defaults, which ASP.NET Core Identity's authenticator provider checks.</summary>
    public static string Uri(string issuer, string account, string key)
    {
        var label = System.Uri.EscapeDataString(issuer) + ":" + System.Uri.EscapeDataString(account);
        return $"otpauth://totp/{label}?secret={key}&issuer={System.Uri.EscapeDataString(issuer)}&digits=6";
    }

    /// <summary>The base32 key in lower-case groups of four ("abcd efgh …"), easier to copy by hand.</summary>
    public static string Grouped(string key)
    {
        var text = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
            text.Append(i == 0 ? "" : " ").Append(key.AsSpan(i, Math.Min(4, key.Length - i)));
        return text.ToString().ToLowerInvariant();
    }

    /// <summary>The app's code without the spaces or hyphen people type into it; null unless six digits remain.</summary>
    public static string? SixDigits(string? typed) =>
        Compact(typed) is { Length: 6 } code && code.All(char.IsAsciiDigit) ? code : null;

    /// <summary>
    /// A recovery code as Identity stores it ("XXXXX-XXXXX", upper case), from one typed in any case, with or without
    /// its hyphen; null when it cannot be one.
    /// </summary>
    public static string? RecoveryCode(string? typed) =>
        Compact(typed)?.ToUpperInvariant() is { Length: 10 } code && code.All(char.IsAsciiLetterOrDigit) ? code[..5] + "-" + code[5..] : null;

    static string? Compact(string? typed) =>
        typed is null ? null : new string([.. typed.Where(c => !char.IsWhiteSpace(c) && c != '-')]);
}
