using System.Globalization;
using System.Text;
using UglyToad.PdfPig;

namespace PublicServices.Documents.Domain.Structure;

/// <summary>
/// Whether a whole file parses as the type its first bytes claim (<see cref="ContentSniffer"/>): a "%PDF-" header
/// on an executable is refused here. PDFs are opened with PdfPig in strict mode (cross-reference table, trailer,
/// catalog, at least one page); page content is not decoded, so a compressed content bomb costs nothing. Images
/// are walked chunk by chunk (PNG) and segment by segment (JPEG) by our own parsers: no native decoder runs on a
/// stranger's bytes (SkiaSharp would put libpng/libjpeg-turbo in the process for what needs only the structure).
/// </summary>
public static class FileStructure
{
    /// <summary>The larger side an image may have; a bigger one is a decompression bomb, not a scan.</summary>
    public const int MaxImageSide = 30_000;

    /// <param name="file">The whole file, seekable, positioned anywhere.</param>
    public static bool IsValid(string contentType, Stream file)
    {
        file.Position = 0;
        return contentType switch
        {
            ContentSniffer.Pdf => IsPdf(file),
            ContentSniffer.Png => PngStructure.IsValid(new BufferedStream(file, 64 * 1024)),
            ContentSniffer.Jpeg => JpegStructure.IsValid(new BufferedStream(file, 64 * 1024)),
            _ => false,
        };
    }

    /// <summary>Where a PDF's "startxref" and "%%EOF" must be: within its last KiB (PDF 32000-1, 7.5.5).</summary>
    const int PdfTail = 1024;

    static bool IsPdf(Stream file)
    {
        // PdfPig searches the whole file for a missing "startxref" (seconds on a large disguised file): look first.
        var tail = new byte[(int)Math.Min(PdfTail, file.Length)];
        file.Position = file.Length - tail.Length;
        file.ReadExactly(tail);
        var startXref = tail.AsSpan().LastIndexOf("startxref"u8);
        if (startXref < 0 || tail.AsSpan(startXref).IndexOf("%%EOF"u8) < 0
            || !long.TryParse(Encoding.ASCII.GetString(tail.AsSpan(startXref + 9)).Split('%')[0].Trim(),
                NumberStyles.None, CultureInfo.InvariantCulture, out var offset)
            || offset <= 0 || offset >= file.Length - 4)
            return false;
        // The offset must name a cross-reference table ("xref") or stream ("N G obj"); PdfPig would search otherwise.
        var at = new byte[(int)Math.Min(32, file.Length - offset)];
        file.Position = offset;
        file.ReadExactly(at);
        if (!at.AsSpan().StartsWith("xref"u8) && !(at.Length > 0 && char.IsAsciiDigit((char)at[0]) && at.AsSpan().IndexOf(" obj"u8) > 0))
            return false;
        file.Position = 0;
        try
        {
            using var document = PdfDocument.Open(file, new ParsingOptions { UseLenientParsing = false, SkipMissingFonts = true });
            return document.NumberOfPages >= 1 && document.Structure.Catalog is not null;
        }
        catch (Exception)
        {
            // PdfPig throws many types (PdfDocumentFormatException, InvalidOperationException, …): all mean "not a PDF".
            return false;
        }
    }
}
