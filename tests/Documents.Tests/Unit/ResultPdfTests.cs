using PublicServices.Contracts.Dossiers;
using PublicServices.Documents.Data;
using PublicServices.Documents.Domain.Results;
using PublicServices.Documents.Resources;
using PublicServices.Testing;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Core;

namespace PublicServices.Documents.Tests.Unit;

/// <summary>
/// The result PDF's layout: one A4 page, every word inside it, no two words drawn over each other, both languages, and
/// the whole decision text even at its longest.
/// </summary>
public sealed class ResultPdfTests
{
    /// <summary>Stands for a decision text of the longest length a request may carry.</summary>
    const string Longest = "longest";

    static ResultDocument Result(string agency, string? note) => new()
    {
        Id = Guid.NewGuid(), DossierId = Guid.NewGuid(), DossierCode = "000.00.12.H10-261205-0001", ProcedureCode = "2.000488",
        ProcedureName = "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam",
        AgencyCode = "000.00.12.H10", AgencyName = agency, ApplicantId = "citizen", Decision = "approved", Note = note,
        DeliveryMethod = ResultDelivery.Online, IssuedAt = new DateTime(2026, 12, 5, 20, 30, 0, DateTimeKind.Utc), Sha256 = "", FileName = "a.pdf",
        StorageKey = "k", Signature = [], CertificateThumbprint = "",
    };

    [Theory]
    [InlineData("Sở Tư pháp", "Cấp phiếu.")]
    [InlineData("Sở Tư pháp", Longest)]
    [InlineData("Ủy ban nhân dân phường Phúc Xá, quận Ba Đình, thành phố Hà Nội", null)]
    [InlineData("Sở Tư pháp thành phố Hà Nội", "Cấp Phiếu lý lịch tư pháp số 1234/LLTP cho công dân Nguyễn Văn A, sinh ngày 01/01/1990, thường trú tại số 12 phố Tràng Tiền, phường Tràng Tiền, quận Hoàn Kiếm, thành phố Hà Nội; phiếu có giá trị sử dụng theo quy định của Luật Lý lịch tư pháp.")]
    public void Every_word_is_on_the_page_and_none_overlaps_another(string agency, string? note)
    {
        var result = Result(agency, note == Longest ? string.Concat(Enumerable.Repeat("Nội dung quyết định rất dài. ", 68)) : note);
        Assert.True(result.Note is not { Length: > ResultLimits.Note });
        var pdf = ResultPdf.Render(result, $"http://localhost:8080/verify/{result.Id:D}", Localizers.For<Messages>());

        using var document = PdfDocument.Open(pdf);
        var page = Assert.Single(document.GetPages());
        var words = page.GetWords().Where(w => !string.IsNullOrWhiteSpace(w.Text)).ToList();
        Assert.All(words, w => Assert.True(w.BoundingBox.Left >= 0 && w.BoundingBox.Right <= page.Width && w.BoundingBox.Bottom >= 0
            && w.BoundingBox.Top <= page.Height, $"'{w.Text}' is off the page"));
        var overlaps = (from a in words.Select((w, i) => (w, i)) from b in words.Select((w, i) => (w, i))
                        where a.i < b.i && Intersect(a.w.BoundingBox, b.w.BoundingBox)
                        select $"'{a.w.Text}' × '{b.w.Text}'").ToList();
        Assert.True(overlaps.Count == 0, string.Join(", ", overlaps));
        var text = string.Join(" ", words.Select(w => w.Text));
        if (result.Note is { } written)
            Assert.Contains(string.Join(" ", written.Split(' ', StringSplitOptions.RemoveEmptyEntries)), text, StringComparison.Ordinal);
        Assert.Contains("Independence - Freedom - Happiness", text, StringComparison.Ordinal);
        Assert.Contains("Ngày 6 tháng 12 năm 2026", text, StringComparison.Ordinal);
    }

    // Boxes that share more than a sliver (a line's descenders may touch the next line's ascenders).
    static bool Intersect(PdfRectangle a, PdfRectangle b) =>
        Math.Min(a.Right, b.Right) - Math.Max(a.Left, b.Left) > 1 && Math.Min(a.Top, b.Top) - Math.Max(a.Bottom, b.Bottom) > 1;
}
