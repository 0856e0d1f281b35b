using System.Security.Cryptography;
using PublicServices.Documents.Domain.Uploads;

namespace PublicServices.Documents.Tests.Unit;

public sealed class MeteredStreamTests
{
    [Fact]
    public async Task It_yields_the_prefix_then_the_rest_and_hashes_all_of_it()
    {
        var bytes = RandomNumberGenerator.GetBytes(100_000);
        using var metered = new MeteredStream(bytes.AsMemory(0, 8), new MemoryStream(bytes[8..]), bytes.Length);
        using var copy = new MemoryStream();

        await metered.CopyToAsync(copy, 7);

        Assert.Equal(bytes, copy.ToArray());
        Assert.Equal(bytes.Length, metered.BytesRead);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), metered.Sha256Hex());
    }

    [Fact]
    public async Task It_throws_as_soon_as_the_limit_is_passed()
    {
        var source = new MemoryStream(new byte[10_000]);
        using var metered = new MeteredStream(ReadOnlyMemory<byte>.Empty, source, 4096);

        await Assert.ThrowsAsync<UploadTooLargeException>(() => metered.CopyToAsync(Stream.Null, 1024));
        Assert.Equal(4096 + 1024, metered.BytesRead);
        Assert.True(source.Position < source.Length);
    }
}
