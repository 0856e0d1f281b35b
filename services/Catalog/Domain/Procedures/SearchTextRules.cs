using System.Globalization;
using System.Text;

namespace PublicServices.Catalog.Domain.Procedures;

/// <summary>
/// Accent-insensitive matching for Vietnamese: 'Đăng ký khai sinh', 'dang ky khai sinh' and 'khai sính' all fold to
/// the same letters. Stored once per procedure, so a search compares plain lower-case ASCII-ish text.
/// </summary>
public static class SearchTextRules
{
    public static string Of(string code, string nameVi, string nameEn) => Fold($"{code} {nameVi} {nameEn}");

    /// <summary>Lower-case, diacritics removed (đ → d), runs of white space collapsed to one space.</summary>
    public static string Fold(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        var space = true;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
                continue;
            if (char.IsWhiteSpace(c))
            {
                if (!space)
                    folded.Append(' ');
                space = true;
                continue;
            }
            // đ/Đ is a letter of its own, not d with a mark, so decomposition leaves it alone.
            folded.Append(c is 'đ' or 'Đ' ? 'd' : char.ToLowerInvariant(c));
            space = false;
        }
        return folded.ToString().TrimEnd();
    }

    /// <summary>The words of a query, folded; every one must occur in the procedure's search text.</summary>
    public static IReadOnlyList<string> Terms(string? query) =>
        string.IsNullOrWhiteSpace(query) ? [] : Fold(query).Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct().ToArray();

    /// <summary>A LIKE pattern that finds the term anywhere, with LIKE's own wildcards taken literally.</summary>
    public static string ContainsPattern(string term) =>
        "%" + term.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal)
            .Replace("_", @"\_", StringComparison.Ordinal) + "%";

    public const string LikeEscape = @"\";
}
