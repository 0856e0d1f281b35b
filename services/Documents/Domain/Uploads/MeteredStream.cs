using System.Security.Cryptography;

namespace PublicServices.Documents.Domain.Uploads;

/// <summary>
/// The upload as it flows to storage: the already-read header bytes, then the rest of the part. It hashes every
/// byte (SHA-256, incrementally) and counts them, and fails the moment the count passes the limit, so an oversize
/// file is stopped while streaming instead of after. With a copy stream, every byte is also written there (the
/// temporary file that the structure check reads afterwards).
/// </summary>
public sealed class MeteredStream(ReadOnlyMemory<byte> prefix, Stream inner, long maxBytes, Stream? copy = null) : Stream
{
    readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    ReadOnlyMemory<byte> prefix = prefix;

    public long BytesRead { get; private set; }

    /// <summary>Lower-case hex SHA-256 of everything read; call once, after the end of the stream.</summary>
    public string Sha256Hex() => Convert.ToHexStringLower(hash.GetHashAndReset());

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int read;
        if (!prefix.IsEmpty)
        {
            read = Math.Min(prefix.Length, buffer.Length);
            prefix[..read].CopyTo(buffer);
            prefix = prefix[read..];
        }
        else
            read = await inner.ReadAsync(buffer, cancellationToken);
        Count(buffer.Span[..read]);
        if (copy is not null)
            await copy.WriteAsync(buffer[..read], cancellationToken);
        return read;
    }

    public override int Read(Span<byte> buffer)
    {
        int read;
        if (!prefix.IsEmpty)
        {
            read = Math.Min(prefix.Length, buffer.Length);
            prefix.Span[..read].CopyTo(buffer);
            prefix = prefix[read..];
        }
        else
            read = inner.Read(buffer);
        Count(buffer[..read]);
        copy?.Write(buffer[..read]);
        return read;
    }

    void Count(ReadOnlySpan<byte> data)
    {
        BytesRead += data.Length;
        if (BytesRead > maxBytes)
            throw new UploadTooLargeException(maxBytes);
        hash.AppendData(data);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            hash.Dispose();
        base.Dispose(disposing);
    }
}
