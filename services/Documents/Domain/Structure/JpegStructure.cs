namespace PublicServices.Documents.Domain.Structure;

/// <summary>
/// A JPEG walked marker by marker: SOI, segments whose lengths hold, one frame header (SOFn) with a sane size before
/// the first scan, each scan's entropy-coded data up to the next marker, EOI, and nothing after it.
/// </summary>
public static class JpegStructure
{
    const int Soi = 0xD8, Eoi = 0xD9, Sos = 0xDA;

    public static bool IsValid(Stream jpeg)
    {
        if (jpeg.ReadByte() != 0xFF || jpeg.ReadByte() != Soi)
            return false;
        var (sawFrame, sawScan) = (false, false);
        var marker = NextMarker(jpeg);
        var segment = new byte[ushort.MaxValue];
        while (marker >= 0)
        {
            if (marker == Eoi)
                return sawFrame && sawScan && jpeg.ReadByte() == -1;
            if (marker is 0 or Soi)
                return false;
            if (marker is (>= 0xD0 and <= 0xD7) or 0x01)
            {
                marker = NextMarker(jpeg);
                continue;
            }
            var (hi, lo) = (jpeg.ReadByte(), jpeg.ReadByte());
            if (lo < 0)
                return false;
            var length = (hi << 8 | lo) - 2;
            if (length < 0 || jpeg.ReadAtLeast(segment.AsSpan(0, length), length, throwOnEndOfStream: false) != length)
                return false;
            var body = segment.AsSpan(0, length);
            if (IsFrame(marker))
            {
                if (sawFrame || !IsFrameHeader(body))
                    return false;
                sawFrame = true;
            }
            if (marker == Sos)
            {
                if (!sawFrame || body.Length < 1 || body[0] is < 1 or > 4 || body.Length != 4 + 2 * body[0])
                    return false;
                sawScan = true;
                marker = AfterScan(jpeg);
            }
            else
                marker = NextMarker(jpeg);
        }
        return false;
    }

    /// <summary>SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC).</summary>
    static bool IsFrame(int marker) => marker is >= 0xC0 and <= 0xCF and not (0xC4 or 0xC8 or 0xCC);

    static bool IsFrameHeader(ReadOnlySpan<byte> f)
    {
        if (f.Length < 6)
            return false;
        var (precision, height, width, components) = (f[0], f[1] << 8 | f[2], f[3] << 8 | f[4], f[5]);
        return precision is >= 2 and <= 16 && height is >= 1 and <= FileStructure.MaxImageSide
            && width is >= 1 and <= FileStructure.MaxImageSide && components is >= 1 and <= 4 && f.Length == 6 + 3 * components;
    }

    /// <summary>The next marker's code: 0xFF, any fill bytes, then the code; -1 when the bytes are not a marker.</summary>
    static int NextMarker(Stream jpeg)
    {
        if (jpeg.ReadByte() != 0xFF)
            return -1;
        int code;
        while ((code = jpeg.ReadByte()) == 0xFF)
        {
        }
        return code;
    }

    /// <summary>Skips entropy-coded data (stuffed FF00 and restart markers included) and returns the marker after it.</summary>
    static int AfterScan(Stream jpeg)
    {
        while (true)
        {
            var b = jpeg.ReadByte();
            if (b < 0)
                return -1;
            if (b != 0xFF)
                continue;
            while ((b = jpeg.ReadByte()) == 0xFF)
            {
            }
            if (b < 0)
                return -1;
            if (b != 0 && b is not (>= 0xD0 and <= 0xD7))
                return b;
        }
    }
}
