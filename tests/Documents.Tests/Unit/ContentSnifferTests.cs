using PublicServices.Documents.Domain;
using PublicServices.Documents.Tests.Support;

namespace PublicServices.Documents.Tests.Unit;

public sealed class ContentSnifferTests
{
    [Fact]
    public void Pdf_png_and_jpeg_are_recognised_by_their_magic_numbers()
    {
        Assert.Equal("application/pdf", ContentSniffer.Sniff(TestFiles.Pdf(1000)));
        Assert.Equal("image/png", ContentSniffer.Sniff(TestFiles.Png(100)));
        Assert.Equal("image/jpeg", ContentSniffer.Sniff(TestFiles.Jpeg(100)));
        Assert.Equal("application/pdf", ContentSniffer.Sniff("%PDF-"u8));
    }

    [Fact]
    public void Executables_text_and_truncated_headers_are_not_recognised()
    {
        Assert.Null(ContentSniffer.Sniff(TestFiles.Elf(100)));
        Assert.Null(ContentSniffer.Sniff(TestFiles.WindowsExe(100)));
        Assert.Null(ContentSniffer.Sniff("hello %PDF-1.7"u8));
        Assert.Null(ContentSniffer.Sniff("%PDF"u8));
        Assert.Null(ContentSniffer.Sniff([0x89, 0x50, 0x4E, 0x47]));
        Assert.Null(ContentSniffer.Sniff([]));
    }

    [Fact]
    public void Accepted_types_match_exactly_or_by_wildcard_ignoring_case()
    {
        Assert.True(ContentSniffer.IsAccepted("image/png", ["application/pdf", "IMAGE/PNG"]));
        Assert.True(ContentSniffer.IsAccepted("image/jpeg", ["image/*"]));
        Assert.False(ContentSniffer.IsAccepted("application/pdf", ["image/*"]));
        Assert.False(ContentSniffer.IsAccepted("image/png", ["image/jpeg"]));
        Assert.False(ContentSniffer.IsAccepted("image/png", []));
    }
}
