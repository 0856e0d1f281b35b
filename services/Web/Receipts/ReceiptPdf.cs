using Microsoft.Extensions.Localization;
using PdfSharp.Drawing;
using PdfSharp.Drawing.Layout;
using PdfSharp.Pdf;
using PublicServices.PdfFonts;
using PublicServices.Web.Clients;
using PublicServices.Web.Domain;
using PublicServices.Web.Resources;
using QRCoder;

namespace PublicServices.Web.Receipts;

/// <summary>
/// The receipt (giấy tiếp nhận hồ sơ) as a PDF to keep or print: the dossier's code, procedure, applicant, when it was
/// submitted, the time limit and due date, the documents, and the QR code of the public status lookup. In the person's
/// language; the fonts are embedded so every Vietnamese letter prints on any machine.
/// </summary>
public static class ReceiptPdf
{
    const string Family = NotoFonts.Family;

    static ReceiptPdf() => NotoFonts.Use();

    public static byte[] Render(Dossier d, string lookupUrl, DateTimeOffset printedAt, IStringLocalizer<Messages> text)
    {
        using var document = new PdfDocument();
        document.Info.Title = text["Pdf.Title"] + " " + d.Code;
        var page = document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        using (var gfx = XGraphics.FromPdfPage(page))
        {
            var title = new XFont(Family, 16, XFontStyleEx.Bold);
            var bold = new XFont(Family, 11, XFontStyleEx.Bold);
            var normal = new XFont(Family, 11, XFontStyleEx.Regular);
            var layout = new XTextFormatter(gfx);
            const double left = 56, width = 483;
            var y = 56.0;

            gfx.DrawString(text["Pdf.Title"], title, XBrushes.Black, new XRect(left, y, width, 24), XStringFormats.TopCenter);
            y += 36;
            gfx.DrawString(d.Code, new XFont(Family, 14, XFontStyleEx.Bold), XBrushes.Black, new XRect(left, y, width, 20), XStringFormats.TopCenter);
            y += 36;

            void Row(string label, string value)
            {
                gfx.DrawString(label, bold, XBrushes.Black, new XRect(left, y, 170, 16), XStringFormats.TopLeft);
                var lines = Math.Max(1, (int)Math.Ceiling(gfx.MeasureString(value, normal).Width / (width - 180)));
                var rect = new XRect(left + 180, y, width - 180, lines * 16);
                layout.DrawString(value, normal, XBrushes.Black, rect, XStringFormats.TopLeft);
                y += lines * 16 + 8;
            }

            Row(text["Dossier.Procedure"], Display.Pick(d.ProcedureNameVi, d.ProcedureNameEn));
            Row(text["Dossier.Applicant"], d.ApplicantName);
            Row(text["Dossier.SubmittedAt"], Display.DateTime(d.SubmittedAt));
            Row(text["Procedure.TimeLimit"], text["Procedure.Days", d.StatutoryWorkingDays]);
            Row(text["Dossier.DueAt"], d.DueAt is { } due ? Display.Date(due) : text["Dossier.DueLater"]);
            Row(text["Dossier.Status"], Display.Pick(d.Status.Vi, d.Status.En));
            Row(text["Dossier.Documents"], d.Documents.Count == 0 ? text["Dossier.NoDocuments"]
                : string.Join("; ", d.Documents.Select(x => x.FileName)));

            y += 8;
            // RGBA colours: the default 1-bit PNG is one PDFsharp does not read.
            using var generator = new QRCodeGenerator();
            using var data = generator.CreateQrCode(lookupUrl, QRCodeGenerator.ECCLevel.M);
            var png = new PngByteQRCode(data).GetGraphic(8, [0, 0, 0, 255], [255, 255, 255, 255]);
            using var qr = XImage.FromStream(new MemoryStream(png));
            gfx.DrawImage(qr, left, y, 120, 120);
            layout.DrawString(text["Pdf.Lookup", lookupUrl], normal, XBrushes.Black, new XRect(left + 136, y + 8, width - 136, 100), XStringFormats.TopLeft);
            y += 140;
            layout.DrawString(text["Pdf.Footer", Display.DateTime(printedAt)], new XFont(Family, 9, XFontStyleEx.Regular), XBrushes.DimGray,
                new XRect(left, y, width, 40), XStringFormats.TopLeft);
        }
        using var output = new MemoryStream();
        document.Save(output, false);
        return output.ToArray();
    }
}
