using Microsoft.Playwright;

namespace PublicServices.Browser.Tests;

/// <summary>
/// Each page as a person sees it under the gateway's Content-Security-Policy: the stylesheet applies (body text,
/// the green primary button, the red error summary) and nothing is refused or fails in the console. A page whose
/// styles were inline, or whose stylesheet did not load, would look unstyled and fail here.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class WhatAPersonSeesTests(PortalFixture portal)
{
    /// <summary>The page's primary action: a button without the secondary or warning look (upload and remove buttons are secondary).</summary>
    const string PrimaryButton = "main .button:not(.button--secondary):not(.button--warning)";

    static async Task<string> StyleAsync(ILocator element, string property) =>
        await element.EvaluateAsync<string>("(e, p) => getComputedStyle(e).getPropertyValue(p)", property);

    static async Task LooksRightAsync(Tab tab, Stop stop)
    {
        // Problems since the last page belong to this one.
        var problems = tab.Problems.ToList();
        tab.Problems.Clear();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        var policy = await tab.Document!.HeaderValueAsync("content-security-policy") ?? "";
        Assert.Contains("style-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);

        Assert.Equal("18px", await StyleAsync(tab.Page.Locator("body"), "font-size"));
        if (stop.PrimaryButton)
        {
            var button = tab.Page.Locator(PrimaryButton);
            Assert.True(await button.CountAsync() > 0, "no primary button");
            Assert.Equal("rgb(0, 112, 60)", await StyleAsync(button.First, "background-color"));
        }
        if (stop.ErrorSummary)
        {
            var summary = tab.Page.Locator(".error-summary");
            Assert.Equal(1, await summary.CountAsync());
            foreach (var side in new[] { "top", "right", "bottom", "left" })
            {
                Assert.Equal("5px", await StyleAsync(summary, $"border-{side}-width"));
                Assert.Equal("solid", await StyleAsync(summary, $"border-{side}-style"));
                Assert.Equal("rgb(177, 14, 30)", await StyleAsync(summary, $"border-{side}-color"));
            }
        }
    }

    [Theory]
    [InlineData(Visitor.Anyone)]
    [InlineData(Visitor.Citizen)]
    [InlineData(Visitor.Officer)]
    public Task Every_page_is_styled_with_nothing_refused_or_failing(Visitor visitor) => PageTour.TakeAsync(portal, visitor, LooksRightAsync);

    /// <summary>The checks above can fail: a style or script written into a page is refused by the policy, and the tab reports it.</summary>
    [Fact]
    public async Task An_inline_style_or_script_is_refused_and_reported()
    {
        var tab = await portal.OpenAsync();
        await tab.GoAsync("/");
        await tab.Page.EvaluateAsync("""
            () => {
              const style = document.createElement('style');
              style.textContent = 'body { font-size: 40px }';
              document.head.appendChild(style);
              const script = document.createElement('script');
              script.textContent = 'window.ran = true';
              document.head.appendChild(script);
            }
            """);
        for (var wait = 0; wait < 50 && tab.Problems.Count < 2; wait++) await Task.Delay(100); // the console messages come a moment later
        Assert.False(await tab.Page.EvaluateAsync<bool>("() => window.ran === true"));
        Assert.Equal("18px", await StyleAsync(tab.Page.Locator("body"), "font-size"));
        Assert.Contains(tab.Problems, p => p.StartsWith("console: CSP style-src", StringComparison.Ordinal));
        Assert.Contains(tab.Problems, p => p.StartsWith("console: CSP script-src", StringComparison.Ordinal));
    }
}
