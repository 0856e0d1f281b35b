using System.Globalization;
using System.Text;
using Microsoft.Net.Http.Headers;

namespace PublicServices.Documents.Domain;

/// <summary>File names as users send them are untrusted metadata: keep the readable part, drop the dangerous part.</summary>
public static class FileNames
{
    public const int MaxLength = 200;
    const string Fallback = "tai-lieu";
    static readonly char[] Reserved = ['<', '>', ':', '"', '/', '\\', '|', '?', '*', ';'];

    /// <summary>
    /// A name with a path ('/' or '\\'), a control character, or only dots: refused outright (issue 12's hostile inputs),
    /// where other oddities (invisible formatting, reserved characters) are only cleaned by <see cref="Sanitize"/>.
    /// </summary>
    public static bool IsHostile(string? raw) =>
        raw is not null && (raw.IndexOfAny(['/', '\\']) >= 0 || raw.Any(char.IsControl) || (raw.Length > 0 && raw.All(c => c == '.')));

    /// <summary>
    /// Strips any path, control and invisible formatting characters (e.g. right-to-left overrides) and reserved
    /// characters; keeps Vietnamese letters (normalised to NFC); limits the length, keeping the extension.
    /// An empty result becomes "tai-lieu" with the extension of the sniffed type.
    /// </summary>
    public static string Sanitize(string? raw, string contentType)
    {
        var name = raw ?? "";
        var lastSeparator = name.LastIndexOfAny(['/', '\\']);
        if (lastSeparator >= 0)
            name = name[(lastSeparator + 1)..];
        var builder = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormC))
        {
            var category = char.GetUnicodeCategory(c);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
                or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned
                or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
                continue;
            builder.Append(Array.IndexOf(Reserved, c) >= 0 ? '_' : char.IsWhiteSpace(c) ? ' ' : c);
        }
        name = builder.ToString().Trim().Trim('.', ' ');
        while (name.Contains("  ", StringComparison.Ordinal))
            name = name.Replace("  ", " ", StringComparison.Ordinal);
        if (name.Length == 0 || name.All(c => c is '_' or '.'))
            name = Fallback + ContentSniffer.Extension(contentType);
        return Truncate(name);
    }

    static string Truncate(string name)
    {
        if (name.Length <= MaxLength)
            return name;
        var extension = Path.GetExtension(name);
        if (extension.Length is 0 or > 10)
            extension = "";
        var stem = name[..^extension.Length];
        var keep = MaxLength - extension.Length;
        // Never cut a surrogate pair in half.
        if (char.IsHighSurrogate(stem[keep - 1]))
            keep--;
        return stem[..keep].TrimEnd(' ', '.') + extension;
    }

    /// <summary>
    /// "attachment; filename=...; filename*=UTF-8''..." (RFC 6266): an ASCII fallback without diacritics for old
    /// clients, and the exact name percent-encoded for everyone else.
    /// </summary>
    public static string ContentDisposition(string fileName)
    {
        var header = new ContentDispositionHeaderValue("attachment") { FileName = AsciiFallback(fileName), FileNameStar = fileName };
        return header.ToString();
    }

    /// <summary>Giấy khai sinh đủ.pdf → Giay khai sinh du.pdf; anything still not printable ASCII becomes '_'.</summary>
    public static string AsciiFallback(string fileName)
    {
        var decomposed = fileName.Replace('đ', 'd').Replace('Đ', 'D').Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (char.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
                continue;
            builder.Append(c is >= ' ' and <= '~' and not '"' and not '\\' and not '%' ? c : '_');
        }
        return builder.ToString();
    }
}
