using System.Buffers.Binary;
using System.IO.Hashing;

namespace PublicServices.Documents.Domain.Structure;

/// <summary>
/// A PNG as its specification lays it out: the signature, IHDR first (sane size, a valid bit depth for its colour
/// type), every chunk's length and CRC right, at least one IDAT, IEND last, and nothing after it.
/// </summary>
public static class PngStructure
{
    static ReadOnlySpan<byte> Signature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static bool IsValid(Stream png)
    {
        Span<byte> head = stackalloc byte[8];
        Span<byte> stored = stackalloc byte[4];
        if (!Fill(png, head) || !head.SequenceEqual(Signature))
            return false;
        var buffer = new byte[16 * 1024];
        var (first, sawData) = (true, false);
        while (Fill(png, head))
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(head);
            var type = head[4..8];
            if (length > int.MaxValue || !IsChunkType(type))
                return false;
            var isHeader = type.SequenceEqual("IHDR"u8);
            if (first != isHeader)
                return false;
            var crc = new Crc32();
            crc.Append(type);
            if (isHeader && (length != 13 || !Fill(png, buffer.AsSpan(0, 13)) || !IsHeader(buffer.AsSpan(0, 13))))
                return false;
            if (isHeader)
                crc.Append(buffer.AsSpan(0, 13));
            else
            {
                for (var left = (int)length; left > 0;)
                {
                    var part = buffer.AsSpan(0, Math.Min(left, buffer.Length));
                    if (!Fill(png, part))
                        return false;
                    crc.Append(part);
                    left -= part.Length;
                }
            }
            if (!Fill(png, stored) || BinaryPrimitives.ReadUInt32BigEndian(stored) != crc.GetCurrentHashAsUInt32())
                return false;
            first = false;
            sawData |= type.SequenceEqual("IDAT"u8);
            if (type.SequenceEqual("IEND"u8))
                return length == 0 && sawData && png.ReadByte() == -1;
        }
        return false;
    }

    static bool IsChunkType(ReadOnlySpan<byte> type)
    {
        foreach (var b in type)
            if (!char.IsAsciiLetter((char)b))
                return false;
        return true;
    }

    static bool IsHeader(ReadOnlySpan<byte> h)
    {
        var (width, height) = (BinaryPrimitives.ReadUInt32BigEndian(h), BinaryPrimitives.ReadUInt32BigEndian(h[4..]));
        var (depth, colour) = (h[8], h[9]);
        var depthOk = colour switch
        {
            0 => depth is 1 or 2 or 4 or 8 or 16,
            3 => depth is 1 or 2 or 4 or 8,
            2 or 4 or 6 => depth is 8 or 16,
            _ => false,
        };
        return width is >= 1 and <= FileStructure.MaxImageSide && height is >= 1 and <= FileStructure.MaxImageSide
            && depthOk && h[10] == 0 && h[11] == 0 && h[12] <= 1;
    }

    static bool Fill(Stream s, Span<byte> into) => s.ReadAtLeast(into, into.Length, throwOnEndOfStream: false) == into.Length;
}
