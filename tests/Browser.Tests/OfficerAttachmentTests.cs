using Microsoft.Playwright;

namespace PublicServices.Browser.Tests;

/// <summary>
/// An officer's decision carries attachments: the ward's desk accepts a dossier with a PDF and a scan (a file of another
/// type is refused by its control first, completing nothing), the closed task and the specialist's next task list them
/// as downloads, and the citizen does not see them: a decision's working papers are the agency's.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class OfficerAttachmentTests(PortalFixture portal)
{
    [Fact]
    public async Task The_desks_attachments_are_listed_and_downloadable_on_the_next_officers_task()
    {
        var (citizen, code, dossierPath) = await portal.CitizenAppliesAsync();
        var desk = await portal.OfficerAsync($"desk@{Journeys.Ward}");
        await desk.OpenTaskAsync(code);
        var taskPath = new Uri(desk.Page.Url).AbsolutePath;
        var files = desk.Page.Locator("input[type=file][name=attachments]");
        Assert.Contains("PDF, JPEG, PNG", await desk.Page.Locator("#f-attachments-hint").InnerTextAsync(), StringComparison.Ordinal);

        // A text file is refused by the control; the page keeps the outcome chosen, and the task stays in the inbox.
        await desk.Page.Locator("input[name=outcome][value=accept]").CheckAsync();
        await files.SetInputFilesAsync(new FilePayload { Name = "ghi-chu.txt", MimeType = "text/plain", Buffer = "Ghi chú nội bộ"u8.ToArray() });
        await desk.SubmitAsync("Gửi quyết định");
        Assert.StartsWith("Lỗi:", await desk.Page.TitleAsync(), StringComparison.Ordinal);
        Assert.Equal(taskPath, new Uri(desk.Page.Url).AbsolutePath);
        var message = await desk.Page.Locator("#f-attachments-error").InnerTextAsync();
        Assert.Contains("ghi-chu.txt", message, StringComparison.Ordinal);
        Assert.Contains("PDF", message, StringComparison.Ordinal);
        Assert.True(await desk.Page.Locator("input[name=outcome][value=accept]").IsCheckedAsync());

        // Accepted with a PDF and a scan.
        var pdf = People.SamplePdf();
        var png = PublicServices.Testing.SampleFiles.Png(1100);
        await files.SetInputFilesAsync(new[]
        {
            new FilePayload { Name = "phieu-kiem-soat.pdf", MimeType = "application/pdf", Buffer = pdf },
            new FilePayload { Name = "anh-chup-giay-to.png", MimeType = "image/png", Buffer = png },
        });
        await desk.Page.FillAsync("#f-comment", "Đủ hồ sơ, kèm phiếu kiểm soát.");
        await desk.SubmitAsync("Gửi quyết định");
        await desk.ExpectUrlAsync("/officer$");

        // The closed task lists them as downloads.
        await desk.GoAsync(taskPath);
        Assert.StartsWith("/files/", await desk.Page.Locator("main a:has-text('phieu-kiem-soat.pdf')").GetAttributeAsync("href"), StringComparison.Ordinal);
        Assert.Equal(1, await desk.Page.Locator("main a:has-text('anh-chup-giay-to.png')").CountAsync());

        // The specialist's next task shows the desk's decision with its comment and attachments, and the link gives the same bytes.
        var specialist = await portal.OfficerAsync($"specialist@{Journeys.Ward}");
        await specialist.OpenTaskAsync(code);
        var main = await specialist.Page.Locator("main").InnerTextAsync();
        Assert.Contains("Đủ hồ sơ, kèm phiếu kiểm soát.", main, StringComparison.Ordinal);
        Assert.Contains("anh-chup-giay-to.png", main, StringComparison.Ordinal);
        var href = await specialist.Page.Locator("main a:has-text('phieu-kiem-soat.pdf')").GetAttributeAsync("href");
        var download = await specialist.Page.Context.APIRequest.GetAsync(PortalFixture.Url(href!));
        Assert.Equal(200, download.Status);
        Assert.Equal(pdf, await download.BodyAsync());

        // The citizen's dossier does not show them.
        await citizen.GoAsync(dossierPath);
        Assert.DoesNotContain("phieu-kiem-soat.pdf", await citizen.Page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        foreach (var tab in new[] { citizen, desk, specialist })
            tab.AssertClean();
    }
}
