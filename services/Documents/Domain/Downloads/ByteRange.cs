using Microsoft.Net.Http.Headers;

namespace PublicServices.Documents.Domain.Downloads;

/// <summary>The part of an object a GET asks for (RFC 9110 §14): all of it, one byte range, or nothing satisfiable.</summary>
public readonly record struct ByteRange(long Offset, long Length, bool Partial)
{
    /// <summary>
    /// Reads a Range header against an object of the given size. Only one range is honoured; a request for several
    /// gets the whole object, which RFC 9110 allows. Returns null when the range cannot be satisfied (416).
    /// </summary>
    public static ByteRange? Parse(string? header, long size)
    {
        var whole = new ByteRange(0, size, false);
        if (string.IsNullOrEmpty(header) || !RangeHeaderValue.TryParse(header, out var range)
            || !string.Equals(range.Unit.Value, "bytes", StringComparison.OrdinalIgnoreCase) || range.Ranges.Count != 1)
            return whole;
        var item = range.Ranges.First();
        long from, to;
        if (item.From is { } f)
        {
            if (f >= size)
                return null;
            from = f;
            to = item.To is { } t ? Math.Min(t, size - 1) : size - 1;
            if (to < from)
                return whole;
        }
        else if (item.To is { } suffix)
        {
            if (suffix == 0)
                return null;
            from = Math.Max(0, size - suffix);
            to = size - 1;
        }
        else
            return whole;
        return new ByteRange(from, to - from + 1, true);
    }

    public string ContentRange(long size) => $"bytes {Offset}-{Offset + Length - 1}/{size}";
}
