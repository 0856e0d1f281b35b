using System.Buffers.Binary;
using PublicServices.Documents.Domain;
using PublicServices.Documents.Domain.Structure;
using PublicServices.Documents.Tests.Support;

namespace PublicServices.Documents.Tests.Unit;

public sealed class FileStructureTests
{
    static bool Check(string type, byte[] bytes) => FileStructure.IsValid(type, new MemoryStream(bytes));

    [Theory]
    [InlineData(1000)]
    [InlineData(100_000)]
    public void Real_pdf_png_and_jpeg_files_pass(int size)
    {
        Assert.True(Check(ContentSniffer.Pdf, TestFiles.Pdf(size)));
        Assert.True(Check(ContentSniffer.Png, TestFiles.Png(size)));
        Assert.True(Check(ContentSniffer.Jpeg, TestFiles.Jpeg(size)));
    }

    [Fact]
    public void A_pdf_header_on_an_executable_or_random_bytes_is_refused()
    {
        Assert.False(Check(ContentSniffer.Pdf, TestFiles.FakePdf(50_000)));
        Assert.False(Check(ContentSniffer.Pdf, [.. "%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"u8, .. TestFiles.Elf(2048)]));
    }

    [Fact]
    public void A_pdf_cut_short_is_refused() => Assert.False(Check(ContentSniffer.Pdf, TestFiles.Pdf(5000)[..4000]));

    [Fact]
    public void Image_headers_on_random_bytes_are_refused()
    {
        Assert.False(Check(ContentSniffer.Png, TestFiles.FakePng(20_000)));
        Assert.False(Check(ContentSniffer.Jpeg, TestFiles.FakeJpeg(20_000)));
    }

    [Fact]
    public void A_png_with_a_wrong_crc_a_missing_end_or_bytes_after_the_end_is_refused()
    {
        var png = TestFiles.Png(2000);
        var badCrc = png.ToArray();
        badCrc[40] ^= 0x01;
        Assert.False(Check(ContentSniffer.Png, badCrc));
        Assert.False(Check(ContentSniffer.Png, png[..^12]));
        Assert.False(Check(ContentSniffer.Png, [.. png, .. TestFiles.Elf(100)]));
    }

    [Fact]
    public void A_png_of_absurd_dimensions_is_refused()
    {
        var png = TestFiles.Png(2000);
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(16), 1_000_000);
        var crc = System.IO.Hashing.Crc32.HashToUInt32(png.AsSpan(12, 17));
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(29), crc);
        Assert.False(Check(ContentSniffer.Png, png));
    }

    [Fact]
    public void A_jpeg_without_its_end_or_with_bytes_after_it_or_without_a_frame_is_refused()
    {
        var jpeg = TestFiles.Jpeg(2000);
        Assert.False(Check(ContentSniffer.Jpeg, jpeg[..^2]));
        Assert.False(Check(ContentSniffer.Jpeg, [.. jpeg, .. TestFiles.WindowsExe(100)]));
        // SOF0 turned into an APP1 segment: a scan with no frame before it.
        var noFrame = jpeg.ToArray();
        noFrame[21] = 0xE1;
        Assert.False(Check(ContentSniffer.Jpeg, noFrame));
    }
}
