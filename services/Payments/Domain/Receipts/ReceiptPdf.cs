using System.Globalization;
using Microsoft.Extensions.Localization;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PublicServices.Payments.Data;
using PublicServices.Payments.Resources;
using PublicServices.PdfFonts;

namespace PublicServices.Payments.Domain.Receipts;

/// <summary>
/// The e-receipt (biên lai điện tử) of a paid fee: the dossier, the agency, the amount, when and through whom it was
/// paid, and the provider's transaction number. In the caller's language; fonts embedded (shared with the portal's
/// dossier receipt), so every Vietnamese letter prints on any machine.
/// </summary>
public static class ReceiptPdf
{
    static ReceiptPdf() => NotoFonts.Use();

    static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);

    public static byte[] Render(Invoice invoice, PaymentSession session, DateTimeOffset printedAt, IStringLocalizer<Messages> text)
    {
        using var document = new PdfDocument();
        document.Info.Title = text["Receipt.Title"] + " " + invoice.DossierCode;
        var page = document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        using (var gfx = XGraphics.FromPdfPage(page))
        {
            var title = new XFont(NotoFonts.Family, 16, XFontStyleEx.Bold);
            var bold = new XFont(NotoFonts.Family, 11, XFontStyleEx.Bold);
            var normal = new XFont(NotoFonts.Family, 11, XFontStyleEx.Regular);
            const double left = 56, width = 483;
            var y = 56.0;
            gfx.DrawString(text["Receipt.Title"], title, XBrushes.Black, new XRect(left, y, width, 24), XStringFormats.TopCenter);
            y += 44;

            void Row(string label, string value)
            {
                gfx.DrawString(label, bold, XBrushes.Black, new XRect(left, y, 180, 16), XStringFormats.TopLeft);
                gfx.DrawString(value, normal, XBrushes.Black, new XRect(left + 190, y, width - 190, 16), XStringFormats.TopLeft);
                y += 24;
            }

            Row(text["Receipt.Number"], invoice.Id.ToString("D"));
            Row(text["Receipt.Dossier"], invoice.DossierCode);
            Row(text["Receipt.Agency"], invoice.AgencyCode);
            Row(text["Receipt.Amount"], text["Receipt.AmountValue", Money(invoice.Amount)]);
            Row(text["Receipt.PaidAt"], (invoice.PaidAt ?? session.PaidAt ?? printedAt).ToOffset(Vietnam).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture));
            Row(text["Receipt.Provider"], "VNPay");
            Row(text["Receipt.TransactionNo"], session.ProviderTransactionNo ?? "");
            if (!string.IsNullOrWhiteSpace(invoice.Note))
                Row(text["Receipt.Note"], invoice.Note.Length > 80 ? invoice.Note[..80] : invoice.Note);
            y += 16;
            gfx.DrawString(text["Receipt.Footer", printedAt.ToOffset(Vietnam).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture)],
                new XFont(NotoFonts.Family, 9, XFontStyleEx.Regular), XBrushes.DimGray, new XRect(left, y, width, 14), XStringFormats.TopLeft);
        }
        using var output = new MemoryStream();
        document.Save(output, false);
        return output.ToArray();
    }

    /// <summary>Vietnamese grouping with dots (1.250.000), whatever the language: the amount is in đồng.</summary>
    public static string Money(long amount) => amount.ToString("#,0", CultureInfo.InvariantCulture).Replace(',', '.');
}
