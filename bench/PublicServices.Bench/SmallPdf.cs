using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PublicServices.Bench;

/// <summary>
/// A small, well-formed one-page PDF (catalog, page tree, page, content stream, font, a correct cross-reference
/// table) whose text makes it unique, so every upload has its own SHA-256 and a structural check accepts it.
/// </summary>
public static class SmallPdf
{
    public static (byte[] Bytes, string Sha256) Make(string text)
    {
        var safe = new string([.. text.Where(c => c is >= ' ' and <= '~' and not '(' and not ')' and not '\\')]);
        var content = $"BT /F1 12 Tf 72 770 Td ({safe}) Tj ET\n";
        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            $"<< /Length {content.Length} >>\nstream\n{content}endstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ];
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }
        var xref = pdf.Length;
        pdf.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
            pdf.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        pdf.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        var bytes = Encoding.ASCII.GetBytes(pdf.ToString());
        return (bytes, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }
}
