namespace PublicServices.Documents.Domain;

/// <summary>
/// Decides a file's type from its first bytes (magic numbers), never from its name or the client's Content-Type,
/// so an executable renamed "x.pdf" is recognised as not a PDF.
/// </summary>
public static class ContentSniffer
{
    public const string Pdf = "application/pdf";
    public const string Jpeg = "image/jpeg";
    public const string Png = "image/png";

    /// <summary>How many leading bytes <see cref="Sniff"/> needs to decide.</summary>
    public const int HeaderLength = 8;

    static ReadOnlySpan<byte> PdfMagic => "%PDF-"u8;
    static ReadOnlySpan<byte> JpegMagic => [0xFF, 0xD8, 0xFF];
    static ReadOnlySpan<byte> PngMagic => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The MIME type of a recognised format, or null for anything else.</summary>
    public static string? Sniff(ReadOnlySpan<byte> header) =>
        header.StartsWith(PdfMagic) ? Pdf
        : header.StartsWith(PngMagic) ? Png
        : header.StartsWith(JpegMagic) ? Jpeg
        : null;

    /// <summary>Whether a requirement's accepted types (exact, or "image/*") include the sniffed type.</summary>
    public static bool IsAccepted(string contentType, IEnumerable<string> acceptedTypes) =>
        acceptedTypes.Any(a => string.Equals(a, contentType, StringComparison.OrdinalIgnoreCase)
            || (a.EndsWith("/*", StringComparison.Ordinal)
                && contentType.StartsWith(a[..^1], StringComparison.OrdinalIgnoreCase)));

    /// <summary>A short name for a type in messages ("PDF", "JPEG", "PNG").</summary>
    public static string DisplayName(string contentType) => contentType.ToLowerInvariant() switch
    {
        Pdf => "PDF",
        Jpeg => "JPEG",
        Png => "PNG",
        var other => other,
    };

    public static string Extension(string contentType) => contentType switch
    {
        Pdf => ".pdf",
        Jpeg => ".jpg",
        Png => ".png",
        _ => "",
    };
}
