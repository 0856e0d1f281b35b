using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace PublicServices.Browser.Tests;

/// <summary>The login and registration pages meet WCAG 2.2 AA (axe), work on a phone, and speak vi first, en second.</summary>
public sealed class AccountPagesAccessibilityTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    static readonly AxeRunOptions WcagAA = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
    };

    static async Task AssertNoSeriousViolationsAsync(IPage page)
    {
        var result = await page.RunAxe(WcagAA);
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious.Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Html))})")));
    }

    [Theory]
    [InlineData("/account/login", "vi")]
    [InlineData("/account/login?culture=en", "en")]
    [InlineData("/account/register", "vi")]
    [InlineData("/account/register?culture=en", "en")]
    public async Task Account_pages_pass_axe_in_both_languages(string path, string language)
    {
        var page = await browser.PageAsync();
        await page.GotoAsync(browser.BaseUrl + path);
        Assert.Equal(language, await page.GetAttributeAsync("html", "lang"));
        await AssertNoSeriousViolationsAsync(page);
    }

    [Fact]
    public async Task Registration_errors_are_announced_next_to_their_fields_and_stay_accessible()
    {
        var page = await browser.PageAsync();
        await page.GotoAsync(browser.BaseUrl + "/account/register");
        await page.FillAsync("#fullName", "Nguyễn Văn An");
        await page.FillAsync("#nationalId", "12345");
        await page.FillAsync("#email", "an@example.vn");
        await page.FillAsync("#phone", "0912345678");
        await page.FillAsync("#password", "Matkhau@2025");
        await page.EvaluateAsync("document.querySelectorAll('[required]').forEach(e => e.removeAttribute('required'))");
        await page.Locator("form[method=post] button[type=submit], form[method=post] input[type=submit]").First.ClickAsync();

        var field = page.Locator("#nationalId");
        Assert.Equal("true", await field.GetAttributeAsync("aria-invalid"));
        var describedBy = await field.GetAttributeAsync("aria-describedby");
        Assert.False(string.IsNullOrEmpty(describedBy));
        var messages = string.Join(" ", await Task.WhenAll(describedBy!.Split(' ').Select(id => page.Locator("#" + id).InnerTextAsync())));
        Assert.Contains("12", messages, StringComparison.Ordinal);
        await AssertNoSeriousViolationsAsync(page);
    }

    [Fact]
    public async Task A_citizen_registers_on_a_phone_without_horizontal_scrolling()
    {
        var page = await browser.PageAsync(phone: true);
        await page.GotoAsync(browser.BaseUrl + "/account/register");
        var overflow = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow, "the registration page scrolls sideways on a 375 px phone");

        var n = Random.Shared.Next(100_000, 999_999);
        await page.FillAsync("#fullName", "Trần Thị Bình");
        await page.FillAsync("#nationalId", $"033190{n:D6}");
        await page.FillAsync("#email", $"binh{n}@example.vn");
        await page.FillAsync("#phone", "0987654321");
        await page.FillAsync("#password", "Matkhau@2025");
        await page.Locator("form[method=post] button[type=submit], form[method=post] input[type=submit]").First.ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.DoesNotContain("/account/register", page.Url, StringComparison.Ordinal);
    }
}
