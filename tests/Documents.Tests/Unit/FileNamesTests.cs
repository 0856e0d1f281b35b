using PublicServices.Documents.Domain;

namespace PublicServices.Documents.Tests.Unit;

public sealed class FileNamesTests
{
    [Theory]
    [InlineData("Giấy khai sinh.pdf", "Giấy khai sinh.pdf")]
    [InlineData("C:\\Users\\an\\Tờ khai.pdf", "Tờ khai.pdf")]
    [InlineData("../../etc/passwd.pdf", "passwd.pdf")]
    [InlineData("bad\u0000na\u0007me\r\n.pdf", "badname.pdf")]
    [InlineData("invoice\u202Efdp.exe", "invoicefdp.exe")]
    [InlineData("a<b>c:d|e?f*g\".pdf", "a_b_c_d_e_f_g_.pdf")]
    [InlineData("  . hồ   sơ .  ", "hồ sơ")]
    public void Paths_control_characters_and_reserved_characters_are_removed(string raw, string expected) =>
        Assert.Equal(expected, FileNames.Sanitize(raw, "application/pdf"));

    [Fact]
    public void Decomposed_vietnamese_is_normalised_to_composed_letters() =>
        Assert.Equal("Đơn đề nghị.pdf", FileNames.Sanitize("Đơn đề nghị.pdf".Normalize(System.Text.NormalizationForm.FormD), "application/pdf"));

    [Theory]
    [InlineData(null, "image/png", "tai-lieu.png")]
    [InlineData("", "application/pdf", "tai-lieu.pdf")]
    [InlineData("///", "image/jpeg", "tai-lieu.jpg")]
    [InlineData("..", "image/jpeg", "tai-lieu.jpg")]
    public void An_empty_name_gets_a_default_with_the_sniffed_extension(string? raw, string type, string expected) =>
        Assert.Equal(expected, FileNames.Sanitize(raw, type));

    [Fact]
    public void A_long_name_is_cut_keeping_its_extension()
    {
        var name = FileNames.Sanitize(new string('ệ', 500) + ".pdf", "application/pdf");
        Assert.Equal(FileNames.MaxLength, name.Length);
        Assert.EndsWith("ệ.pdf", name, StringComparison.Ordinal);
    }

    [Fact]
    public void Content_disposition_carries_an_ascii_fallback_and_the_exact_utf8_name()
    {
        var header = FileNames.ContentDisposition("Giấy đăng ký 100%.pdf");
        Assert.StartsWith("attachment; filename=\"Giay dang ky 100_.pdf\"; filename*=UTF-8''", header, StringComparison.Ordinal);
        var parsed = System.Net.Http.Headers.ContentDispositionHeaderValue.Parse(header);
        Assert.Equal("Giấy đăng ký 100%.pdf", parsed.FileNameStar);
    }
}
