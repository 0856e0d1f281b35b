using PdfSharp.Fonts;

namespace PublicServices.PdfFonts;

/// <summary>
/// Noto Sans, regular and bold, embedded in this assembly, as PDFsharp's process-wide font resolver. Every family name
/// resolves to it, so a PDF made here prints every Vietnamese letter on any machine.
/// </summary>
public sealed class NotoFonts : IFontResolver
{
    /// <summary>The family to ask <c>XFont</c> for.</summary>
    public const string Family = "Noto Sans";

    static readonly Lock Gate = new();

    /// <summary>Makes these fonts PDFsharp's resolver; it may be set only once per process, before the first font is used.</summary>
    public static void Use()
    {
        lock (Gate)
            if (GlobalFontSettings.FontResolver is not NotoFonts)
                GlobalFontSettings.FontResolver = new NotoFonts();
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool isBold, bool isItalic) =>
        new(isBold ? "NotoSans-Bold" : "NotoSans-Regular");

    public byte[]? GetFont(string faceName)
    {
        using var stream = typeof(NotoFonts).Assembly.GetManifestResourceStream($"Fonts.{faceName}.ttf")
            ?? throw new InvalidOperationException($"The font {faceName} is not embedded.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
