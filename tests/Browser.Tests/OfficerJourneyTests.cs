using System.Text.RegularExpressions;

namespace PublicServices.Browser.Tests;

/// <summary>
/// Officers of the ward process a citizen's birth registration in the browser, from the desk's acceptance through a
/// supplement the citizen answers on the portal, to the leader's approval and the result downloaded and returned.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class OfficerJourneyTests(PortalFixture portal)
{
    const string Ward = "000.20.01.H10";

    [Fact]
    public async Task Officers_process_a_dossier_to_its_result_with_a_supplement_round_trip()
    {
        var (citizen, code, dossierPath) = await portal.CitizenAppliesAsync();

        // The one-stop desk accepts it.
        var desk = await portal.OfficerAsync($"desk@{Ward}");
        await desk.DecideAsync(code, "accept");

        // The specialist asks for the birth certificate again; a request without its reason is refused first.
        var specialist = await portal.OfficerAsync($"specialist@{Ward}");
        await specialist.OpenTaskAsync(code);
        await specialist.Page.Locator("input[name=outcome][value=request_supplement]").CheckAsync();
        await specialist.ClickAsync("Gửi quyết định");
        Assert.StartsWith("Lỗi:", await specialist.Page.TitleAsync(), StringComparison.Ordinal);
        Assert.Equal("true", await specialist.Page.Locator("#f-comment").GetAttributeAsync("aria-invalid"));
        await specialist.DecideAsync(code, "request_supplement", "Giấy chứng sinh bị mờ, đề nghị nộp lại bản rõ nét.", "giay-chung-sinh");

        // The citizen sees the request with its reason and answers it with a new file and a note.
        await citizen.ReloadUntilAsync(dossierPath, async () => await citizen.Page.Locator("#supplement-title").CountAsync() > 0, "the supplement request");
        Assert.Contains("Giấy chứng sinh bị mờ", await citizen.Page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await citizen.Page.FillAsync("#f-note", "Đã chụp lại giấy chứng sinh.");
        await citizen.Page.Locator("input[type=file][name=giay-chung-sinh]").SetInputFilesAsync(
            new Microsoft.Playwright.FilePayload { Name = "giay-chung-sinh-ro.pdf", MimeType = "application/pdf", Buffer = People.SamplePdf() });
        await citizen.ClickAsync("Gửi bổ sung");
        await citizen.Page.Locator("[role=status]").WaitForAsync();
        Assert.Contains("Đã gửi hồ sơ bổ sung", await citizen.Page.Locator("[role=status]").InnerTextAsync(), StringComparison.Ordinal);

        // The specialist appraises it again and proposes approval; the leader approves.
        await specialist.DecideAsync(code, "propose_approve", "Hồ sơ đầy đủ, đề xuất phê duyệt.");
        var leader = await portal.OfficerAsync($"leader@{Ward}");
        await leader.DecideAsync(code, "approve");

        // The signed result is on the dossier page; once the citizen has downloaded it, the timeline ends with the result
        // returned (status 10).
        var download = citizen.Page.Locator("a[data-result-download]");
        await citizen.ReloadUntilAsync(dossierPath, async () => await download.CountAsync() > 0, "the result");
        await citizen.Page.RunAndWaitForDownloadAsync(() => download.ClickAsync());
        await citizen.ReloadUntilAsync(dossierPath, async () => await citizen.Page.Locator("[data-status='10']").CountAsync() > 0, "status 10");
        var timeline = await citizen.Page.Locator(".timeline").InnerTextAsync();
        Assert.Contains("giay-chung-sinh-ro.pdf", await citizen.Page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Matches(new Regex("Bổ sung|bổ sung"), timeline);
        // Finished, so the citizen rates it.
        await citizen.Page.Locator("input[name=score][value='5']").CheckAsync();
        await citizen.Page.FillAsync("#f-comment", "Nhanh và đúng hẹn");
        await citizen.ClickAsync("Gửi đánh giá");
        await citizen.Page.Locator("[role=status]").WaitForAsync();
        Assert.Contains("5/5", await citizen.Page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        foreach (var tab in new[] { citizen, desk, specialist, leader })
            tab.AssertClean();
    }
}
