using PublicServices.Documents.Domain.Downloads;

namespace PublicServices.Documents.Tests.Unit;

public sealed class ByteRangeTests
{
    [Theory]
    [InlineData(null, 0, 1000, false)]
    [InlineData("bytes=0-99", 0, 100, true)]
    [InlineData("bytes=900-", 900, 100, true)]
    [InlineData("bytes=900-5000", 900, 100, true)]
    [InlineData("bytes=-200", 800, 200, true)]
    [InlineData("bytes=-5000", 0, 1000, true)]
    [InlineData("bytes=0-9,20-29", 0, 1000, false)]
    [InlineData("items=0-9", 0, 1000, false)]
    [InlineData("nonsense", 0, 1000, false)]
    public void A_range_header_selects_the_bytes_to_send(string? header, long offset, long length, bool partial) =>
        Assert.Equal(new ByteRange(offset, length, partial), ByteRange.Parse(header, 1000));

    [Theory]
    [InlineData("bytes=1000-")]
    [InlineData("bytes=5000-6000")]
    [InlineData("bytes=-0")]
    public void A_range_outside_the_object_cannot_be_satisfied(string header) =>
        Assert.Null(ByteRange.Parse(header, 1000));

    [Fact]
    public void Content_range_names_the_first_and_last_byte_and_the_size() =>
        Assert.Equal("bytes 10-19/1000", new ByteRange(10, 10, true).ContentRange(1000));
}
