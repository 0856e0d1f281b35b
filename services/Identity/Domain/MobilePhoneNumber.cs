namespace PublicServices.Identity.Domain;

/// <summary>
/// A Vietnamese mobile number: 10 digits starting with 0 (0912345678), or the international form +84912345678.
/// Mobile prefixes start with 3, 5, 7, 8 or 9 after the leading 0. Stored in the national 0… form.
/// </summary>
public static class MobilePhoneNumber
{
    /// <summary>Returns the number in its 10-digit national form, or null when it is not a Vietnamese mobile number.</summary>
    public static string? Normalize(string? input)
    {
        if (string.IsNullOrWhiteSpace(input)) return null;
        // People write numbers with spaces, dots or dashes between groups.
        var compact = new string(input.Where(c => c is not (' ' or '.' or '-')).ToArray());
        if (compact.StartsWith("+84", StringComparison.Ordinal))
            compact = "0" + compact[3..];
        return compact.Length == 10 && compact[0] == '0' && compact[1] is '3' or '5' or '7' or '8' or '9'
               && compact.All(char.IsAsciiDigit)
            ? compact
            : null;
    }
}
