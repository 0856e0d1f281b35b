using System.Globalization;
using Microsoft.Extensions.Localization;
using PdfSharp.Drawing;
using PdfSharp.Drawing.Layout;
using PdfSharp.Pdf;
using PublicServices.Documents.Data;
using PublicServices.Documents.Resources;
using PublicServices.PdfFonts;
using QRCoder;

namespace PublicServices.Documents.Domain.Results;

/// <summary>
/// The result document as a PDF: the national header, the agency, the title, the dossier and procedure, the decision
/// and its text, the issue date (Vietnam time) and a QR code to the public verification page. Vietnamese first, each
/// label followed by its English on a second, smaller line: the document is the same whoever asks for it.
/// </summary>
public static class ResultPdf
{
    static ResultPdf() => NotoFonts.Use();

    static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);
    static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi");
    static readonly CultureInfo En = CultureInfo.GetCultureInfo("en");

    public static byte[] Render(ResultDocument result, string verifyUrl, IStringLocalizer<Messages> text)
    {
        var issued = new DateTimeOffset(result.IssuedAt, TimeSpan.Zero).ToOffset(Vietnam);
        var date = issued.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
        using var document = new PdfDocument();
        document.Info.Title = $"{In(Vi, text, "Result.Pdf.Title")} {result.DossierCode}";
        document.Info.Author = result.AgencyName;
        document.Info.CreationDate = issued.DateTime;
        var page = document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        using (var gfx = XGraphics.FromPdfPage(page))
        {
            var layout = new XTextFormatter(gfx);
            var bold = new XFont(NotoFonts.Family, 11, XFontStyleEx.Bold);
            var normal = new XFont(NotoFonts.Family, 11, XFontStyleEx.Regular);
            var small = new XFont(NotoFonts.Family, 8, XFontStyleEx.Regular);
            var title = new XFont(NotoFonts.Family, 15, XFontStyleEx.Bold);
            var motto = new XFont(NotoFonts.Family, 10.5, XFontStyleEx.Bold);
            const double left = 56, width = 483, half = 200, right = left + half + 10, rightWidth = width - half - 10;

            // The national header: agency on the left, the state's motto on the right (Nghị định 30/2020/NĐ-CP layout).
            layout.Alignment = XParagraphAlignment.Center;
            layout.DrawString(result.AgencyName.ToUpper(Vi), bold, XBrushes.Black, new XRect(left, 48, half, 48), XStringFormats.TopLeft);
            gfx.DrawString(In(Vi, text, "Result.Pdf.Motto1"), motto, XBrushes.Black, new XRect(right, 48, rightWidth, 16), XStringFormats.TopCenter);
            var motto2 = In(Vi, text, "Result.Pdf.Motto2");
            gfx.DrawString(motto2, motto, XBrushes.Black, new XRect(right, 64, rightWidth, 16), XStringFormats.TopCenter);
            var underline = gfx.MeasureString(motto2, motto).Width / 2;
            gfx.DrawLine(XPens.Black, right + rightWidth / 2 - underline, 82, right + rightWidth / 2 + underline, 82);
            gfx.DrawString(In(En, text, "Result.Pdf.Motto1"), small, XBrushes.DimGray, new XRect(right, 86, rightWidth, 12), XStringFormats.TopCenter);
            gfx.DrawString(In(En, text, "Result.Pdf.Motto2"), small, XBrushes.DimGray, new XRect(right, 97, rightWidth, 12), XStringFormats.TopCenter);
            gfx.DrawString(In(Vi, text, "Result.Pdf.DateLine", issued.Day, issued.Month, issued.Year), normal, XBrushes.Black,
                new XRect(right, 116, rightWidth, 16), XStringFormats.TopCenter);

            var y = 156.0;
            gfx.DrawString(In(Vi, text, "Result.Pdf.Title"), title, XBrushes.Black, new XRect(left, y, width, 22), XStringFormats.TopCenter);
            gfx.DrawString(In(En, text, "Result.Pdf.Title"), small, XBrushes.DimGray, new XRect(left, y + 22, width, 12), XStringFormats.TopCenter);
            y += 52;

            layout.Alignment = XParagraphAlignment.Left;
            void Row(string key, string value, double height = 16)
            {
                gfx.DrawString(In(Vi, text, key), bold, XBrushes.Black, new XRect(left, y, 150, 16), XStringFormats.TopLeft);
                gfx.DrawString(In(En, text, key), small, XBrushes.DimGray, new XRect(left, y + 15, 150, 12), XStringFormats.TopLeft);
                // One line as one string (text extractors keep its spaces); longer texts wrapped by the formatter.
                if (height <= 16)
                    gfx.DrawString(value, normal, XBrushes.Black, new XRect(left + 160, y, width - 160, height), XStringFormats.TopLeft);
                else
                    layout.DrawString(value, normal, XBrushes.Black, new XRect(left + 160, y, width - 160, height));
                y += Math.Max(height, 28) + 8;
            }

            Row("Result.Pdf.Dossier", result.DossierCode);
            Row("Result.Pdf.Procedure", string.IsNullOrEmpty(result.ProcedureName) ? result.ProcedureCode : $"{result.ProcedureCode} – {result.ProcedureName}", 32);
            Row("Result.Pdf.Decision", Decision(text, result.Decision));
            Row("Result.Pdf.IssuedAt", date);
            Row("Result.Pdf.ResultId", result.Id.ToString("D"));
            if (!string.IsNullOrWhiteSpace(result.Note))
            {
                // The decision text across the page, in the largest size (11 down to 7 pt) that holds all of it.
                gfx.DrawString(In(Vi, text, "Result.Pdf.Note"), bold, XBrushes.Black, new XRect(left, y, width, 16), XStringFormats.TopLeft);
                gfx.DrawString(In(En, text, "Result.Pdf.Note"), small, XBrushes.DimGray, new XRect(left, y + 15, width, 12), XStringFormats.TopLeft);
                const double noteHeight = 200;
                layout.DrawString(result.Note, Fitting(gfx, result.Note, width, noteHeight), XBrushes.Black, new XRect(left, y + 30, width, noteHeight));
                y += 30 + noteHeight + 8;
            }

            y += 12;
            DrawQr(gfx, verifyUrl, left, y, 110);
            layout.DrawString($"{In(Vi, text, "Result.Pdf.Verify")}\n{In(En, text, "Result.Pdf.Verify")}\n{verifyUrl}", normal, XBrushes.Black,
                new XRect(left + 126, y + 8, width - 126, 90));
            y += 122;
            layout.DrawString($"{In(Vi, text, "Result.Pdf.Signed", result.AgencyName)}\n{In(En, text, "Result.Pdf.Signed", result.AgencyName)}",
                small, XBrushes.DimGray, new XRect(left, y, width, 40));
        }
        using var output = new MemoryStream();
        document.Save(output, false);
        return output.ToArray();
    }

    /// <summary>The largest regular font (11 down to 7 pt) in which the text, wrapped at words, fits the box.</summary>
    static XFont Fitting(XGraphics gfx, string value, double width, double height)
    {
        XFont font = null!;
        for (var size = 11.0; size >= 7; size -= 0.5)
        {
            font = new XFont(NotoFonts.Family, size, XFontStyleEx.Regular);
            if (Lines(gfx, value, font, width) * font.GetHeight() <= height)
                break;
        }
        return font;
    }

    static int Lines(XGraphics gfx, string value, XFont font, double width)
    {
        var lines = 0;
        foreach (var paragraph in value.Split('\n'))
        {
            lines++;
            var used = 0.0;
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var w = gfx.MeasureString(word + " ", font).Width;
                if (used > 0 && used + w > width)
                {
                    lines++;
                    used = 0;
                }
                used += w;
            }
        }
        return lines;
    }

    /// <summary>"Chấp thuận / Approved" for a known decision, the producer's word otherwise.</summary>
    static string Decision(IStringLocalizer<Messages> text, string decision)
    {
        var vi = In(Vi, text, "Result.Decision." + decision);
        return vi == "Result.Decision." + decision ? decision : $"{vi} / {In(En, text, "Result.Decision." + decision)}";
    }

    /// <summary>The QR code's modules as black squares (no bitmap: sharp at any zoom, nothing from System.Drawing).</summary>
    static void DrawQr(XGraphics gfx, string url, double x, double y, double side)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        var modules = data.ModuleMatrix;
        var cell = side / modules.Count;
        for (var row = 0; row < modules.Count; row++)
            for (var column = 0; column < modules[row].Length; column++)
                if (modules[row][column])
                    gfx.DrawRectangle(XBrushes.Black, x + column * cell, y + row * cell, cell, cell);
    }

    /// <summary>The text in one language, whatever the request's.</summary>
    static string In(CultureInfo culture, IStringLocalizer<Messages> text, string key, params object[] arguments)
    {
        var saved = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = culture;
        try { return arguments.Length == 0 ? text[key] : text[key, arguments]; }
        finally { CultureInfo.CurrentUICulture = saved; }
    }
}
