using System.Globalization;
using System.Text.RegularExpressions;

namespace PublicServices.Browser.Tests;

/// <summary>
/// Vietnamese first, English one click away on every page (the identity service's too) and remembered; money and
/// dates written the Vietnamese way in both languages ("200.000 đ", dd/MM/yyyy).
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class LanguageTests(PortalFixture portal)
{
    static async Task ExpectLanguageAsync(Tab tab, string lang, string heading)
    {
        Assert.Equal(lang, await tab.Page.Locator("html").GetAttributeAsync("lang"));
        Assert.Equal(heading, (await tab.Page.Locator("h1").InnerTextAsync()).Trim());
    }

    static Task SwitchLanguageAsync(Tab tab) => tab.NavigateAsync(() => tab.Page.Locator("a.lang-switch").ClickAsync());

    static async Task<string> FeesAsync(Tab tab, string label) =>
        (await tab.Page.Locator($".summary__row:has(dt:text-is('{label}')) dd").InnerTextAsync()).Trim();

    static async Task<string> AnswerAsync(Tab tab, string question) =>
        (await tab.Page.Locator($".summary__row:has(dt:text-is(\"{question}\")) .summary__value").InnerTextAsync()).Trim();

    [Fact]
    public async Task Vietnamese_comes_first_English_is_one_click_away_and_the_choice_is_remembered()
    {
        var tab = await portal.OpenAsync();
        await tab.GoAsync("/");
        await ExpectLanguageAsync(tab, "vi", "Tìm thủ tục hành chính");

        await SwitchLanguageAsync(tab);
        await ExpectLanguageAsync(tab, "en", "Find a public service");
        Assert.Contains("culture=en", tab.Page.Url, StringComparison.Ordinal);

        // Remembered without ?culture: the next page, and the identity service's login behind the same gateway.
        await tab.GoAsync("/lookup");
        await ExpectLanguageAsync(tab, "en", "Track a dossier");
        await tab.GoAsync("/signin?returnUrl=%2Flookup");
        await tab.Page.WaitForURLAsync(new Regex("/account/login"));
        await ExpectLanguageAsync(tab, "en", "Log in");

        // Back to Vietnamese from there, remembered too.
        await SwitchLanguageAsync(tab);
        await ExpectLanguageAsync(tab, "vi", "Đăng nhập");
        await tab.GoAsync("/lookup");
        await ExpectLanguageAsync(tab, "vi", "Tra cứu hồ sơ");
        tab.AssertClean();
    }

    [Fact]
    public async Task Money_and_dates_are_written_the_Vietnamese_way_in_both_languages()
    {
        var tab = await portal.OpenAsync();
        await tab.GoAsync("/procedures/2.000488");
        Assert.Equal("Phí cung cấp thông tin lý lịch tư pháp: 200.000 đ", await FeesAsync(tab, "Phí, lệ phí"));
        await tab.GoAsync($"/procedures/{Journeys.BirthRegistration}");
        Assert.Equal("Miễn phí", await FeesAsync(tab, "Phí, lệ phí"));

        await SwitchLanguageAsync(tab);
        Assert.Equal("Free", await FeesAsync(tab, "Fees"));
        await tab.GoAsync("/procedures/2.000488");
        Assert.StartsWith("Judicial record certificate", await tab.Page.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("Judicial record information fee: 200.000 đ", await FeesAsync(tab, "Fees"));

        // The date of birth typed as 01/11/2026 reads the same in both languages, never 11/01/2026.
        await tab.GoAsync("/?culture=vi");
        await tab.SignInAsNewCitizenAsync();
        await tab.StartBirthRegistrationAsync();
        await tab.CompleteBirthRegistrationAsync();
        Assert.Equal("01/11/2026", await AnswerAsync(tab, "Ngày, tháng, năm sinh"));
        await SwitchLanguageAsync(tab);
        Assert.Equal("01/11/2026", await AnswerAsync(tab, "Date of birth"));

        // The time of submission: dd/MM/yyyy HH:mm, Vietnam time.
        await tab.SubmitAsync("Submit");
        var today = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7)).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
        Assert.Matches(new Regex($@"Submitted at: {Regex.Escape(today)} \d{{2}}:\d{{2}}"), await tab.Page.Locator("main").InnerTextAsync());
        await SwitchLanguageAsync(tab);
        Assert.Matches(new Regex($@"Thời điểm nộp: {Regex.Escape(today)} \d{{2}}:\d{{2}}"), await tab.Page.Locator("main").InnerTextAsync());
        tab.AssertClean();
    }
}
