using System.Buffers.Binary;
using System.IO.Hashing;
using System.Security.Cryptography;
using System.Text;

namespace PublicServices.Testing;

/// <summary>
/// Real PDF, PNG and JPEG files of an exact size, as the documents service's structure checks want them: a one-page
/// PDF whose size is made up by an unreferenced stream of random bytes, a PNG whose image data is random (each chunk
/// with its CRC), a baseline JPEG whose scan is random (no 0xFF, so no stray marker).
/// </summary>
public static class SampleFiles
{
    /// <summary>The smallest <see cref="Pdf"/> there is.</summary>
    public const int MinPdfSize = 400;

    public static byte[] Pdf(int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, MinPdfSize);
        var overhead = BuildPdf([], 0).Length;
        var filler = RandomNumberGenerator.GetBytes(size - overhead);
        // The numbers' digits add a few bytes: trim the filler, then pad with a comment, until the size is exact.
        var pad = 0;
        for (var attempt = 0; attempt < 64; attempt++)
        {
            var pdf = BuildPdf(filler, pad);
            if (pdf.Length == size)
                return pdf;
            if (pdf.Length > size)
                filler = filler[..Math.Max(0, filler.Length - (pdf.Length - size))];
            else
                pad += size - pdf.Length;
        }
        throw new InvalidOperationException($"Could not make a PDF of {size} bytes");
    }

    static byte[] BuildPdf(byte[] filler, int pad)
    {
        using var pdf = new MemoryStream();
        void Write(string text) => pdf.Write(Encoding.ASCII.GetBytes(text));
        Write("%PDF-1.7\n%");
        pdf.Write([0xE2, 0xE3, 0xCF, 0xD3]);
        Write(pad switch { 0 => "\n", 1 => "\n\n", _ => "\n%" + new string('x', pad - 2) + "\n" });
        var offsets = new List<long>();
        void Object(string body)
        {
            offsets.Add(pdf.Position);
            Write($"{offsets.Count} 0 obj\n{body}\nendobj\n");
        }
        Object("<< /Type /Catalog /Pages 2 0 R >>");
        Object("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        Object("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>");
        offsets.Add(pdf.Position);
        Write($"4 0 obj\n<< /Length {filler.Length} >>\nstream\n");
        pdf.Write(filler);
        Write("\nendstream\nendobj\n");
        var xref = pdf.Position;
        Write($"xref\n0 {offsets.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
            Write($"{offset:D10} 00000 n \n");
        Write($"trailer\n<< /Size {offsets.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return pdf.ToArray();
    }

    static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>At least 58 bytes: signature, IHDR (16×16 RGB), one IDAT of random bytes, IEND.</summary>
    public static byte[] Png(int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 58);
        using var png = new MemoryStream();
        png.Write(PngSignature);
        byte[] header = [0, 0, 0, 16, 0, 0, 0, 16, 8, 2, 0, 0, 0];
        Chunk(png, "IHDR", header);
        Chunk(png, "IDAT", RandomNumberGenerator.GetBytes(size - 57));
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    static void Chunk(Stream png, string type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(number, (uint)data.Length);
        png.Write(number);
        var typeAndData = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typeAndData);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32.HashToUInt32(typeAndData));
        png.Write(number);
    }

    /// <summary>At least 45 bytes: SOI, JFIF, a 1×1 greyscale frame, one scan of random bytes, EOI.</summary>
    public static byte[] Jpeg(int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 45);
        byte[] start =
        [
            0xFF, 0xD8,
            0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00,
            0xFF, 0xC0, 0x00, 0x0B, 0x08, 0x00, 0x01, 0x00, 0x01, 0x01, 0x01, 0x11, 0x00,
            0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00,
        ];
        var scan = RandomNumberGenerator.GetBytes(size - start.Length - 2);
        for (var i = 0; i < scan.Length; i++)
            if (scan[i] == 0xFF)
                scan[i] = 0x00;
        return [.. start, .. scan, 0xFF, 0xD9];
    }
}
