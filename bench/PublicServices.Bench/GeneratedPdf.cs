using System.Net;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace PublicServices.Bench;

/// <summary>
/// A PDF-looking stream of any length made on the fly: a PDF header, pseudo-random bytes, an end-of-file marker.
/// Nothing is held in memory or on disk beyond one block, and the same seed always gives the same bytes, so the
/// SHA-256 is known before the upload.
/// </summary>
public sealed class GeneratedPdfStream(long length, ulong seed = 0x9E3779B97F4A7C15) : Stream
{
    static readonly byte[] Header = Encoding.ASCII.GetBytes("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n<< /Length 0 >>\nstream\n");
    static readonly byte[] Trailer = Encoding.ASCII.GetBytes("\nendstream\nendobj\n%%EOF\n");

    readonly byte[] block = new byte[64 * 1024];
    int blockOffset = 64 * 1024;
    ulong state = seed;
    long position;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => length;
    public override long Position { get => position; set => throw new NotSupportedException(); }

    public override int Read(Span<byte> buffer)
    {
        var count = (int)Math.Min(buffer.Length, length - position);
        var written = 0;
        while (written < count)
        {
            var p = position + written;
            int n;
            if (p < Header.Length)
            {
                n = Math.Min(count - written, Header.Length - (int)p);
                Header.AsSpan((int)p, n).CopyTo(buffer[written..]);
            }
            else if (p >= length - Trailer.Length)
            {
                var t = (int)(p - (length - Trailer.Length));
                n = Math.Min(count - written, Trailer.Length - t);
                Trailer.AsSpan(t, n).CopyTo(buffer[written..]);
            }
            else
            {
                if (blockOffset == block.Length)
                    Refill();
                n = (int)Math.Min(Math.Min(count - written, block.Length - blockOffset), length - Trailer.Length - p);
                block.AsSpan(blockOffset, n).CopyTo(buffer[written..]);
                blockOffset += n;
            }
            written += n;
        }
        position += count;
        return count;
    }

    /// <summary>xorshift64*: fast, and random enough that nothing on the way can compress it.</summary>
    void Refill()
    {
        var words = MemoryMarshal.Cast<byte, ulong>(block.AsSpan());
        var x = state;
        for (var i = 0; i < words.Length; i++)
        {
            x ^= x >> 12; x ^= x << 25; x ^= x >> 27;
            words[i] = x * 0x2545F4914F6CDD1D;
        }
        state = x;
        blockOffset = 0;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromResult(Read(buffer, offset, count));
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <summary>The SHA-256 of the whole stream, computed by generating it once (before any timing starts).</summary>
    public static string Sha256Hex(long length)
    {
        using var stream = new GeneratedPdfStream(length);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}

/// <summary>A request body of known length that streams a <see cref="GeneratedPdfStream"/>.</summary>
public sealed class GeneratedPdfContent(long length) : HttpContent
{
    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        using var source = new GeneratedPdfStream(length);
        var buffer = new byte[64 * 1024];
        int n;
        while ((n = source.Read(buffer)) > 0)
            await stream.WriteAsync(buffer.AsMemory(0, n));
    }

    protected override bool TryComputeLength(out long length1)
    {
        length1 = length;
        return true;
    }
}
