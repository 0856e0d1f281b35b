using System.Text.RegularExpressions;

namespace PublicServices.Browser.Tests;

/// <summary>
/// A citizen's whole journey in the browser: find a procedure, register on the way in, fill the form, upload the
/// document, check the answers, submit, get the receipt and follow the dossier. Once with scripts, once without.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class CitizenJourneyTests(PortalFixture portal)
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_new_citizen_finds_a_procedure_registers_applies_and_follows_the_dossier(bool javaScript)
    {
        var tab = await portal.OpenAsync(javaScript: javaScript);
        var page = tab.Page;

        // Find: the home page's search, accents optional.
        await tab.GoAsync("/");
        await page.FillAsync("#q", "khai sinh");
        await tab.ClickAsync("Tìm kiếm");
        await page.Locator($"a[href='/procedures/{Journeys.BirthRegistration}']").ClickAsync();
        Assert.Contains("Đăng ký khai sinh", await page.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("1 ngày làm việc", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);

        // Start: not signed in, so register on the way, and come back to the procedure.
        await tab.ClickAsync("Bắt đầu nộp hồ sơ");
        await tab.RegisterAsync(People.NewCitizen());
        await page.WaitForURLAsync(new Regex($"/procedures/{Regex.Escape(Journeys.BirthRegistration)}$"));

        var code = await tab.ApplyForBirthRegistrationAsync();
        Assert.Matches(Journeys.DossierCode(), code);
        Assert.StartsWith("000.20.01.H10-", code, StringComparison.Ordinal);
        var qrLoaded = await page.Locator("img.qr").EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0");
        Assert.True(qrLoaded, "the receipt's QR code did not load");

        // Follow: the receipt leads to the dossier, and "My dossiers" lists it.
        await tab.ClickAsync("Xem và theo dõi hồ sơ");
        Assert.Contains(code, await page.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("giay-chung-sinh.pdf", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await tab.GoAsync("/dossiers");
        Assert.Equal(1, await page.Locator($"a:has-text('{code}')").CountAsync());
        tab.AssertClean();
    }
}
