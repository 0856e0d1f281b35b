namespace PublicServices.Browser.Tests;

/// <summary>
/// axe (WCAG 2.2 AA, nothing serious or critical) and no sideways scrolling on every page, in each state people meet
/// it (failed posts, an uploaded file, a submitted dossier, an officer's task), on a desktop and on a 375 px phone.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class AccessibilityTests(PortalFixture portal)
{
    [Theory]
    [InlineData(Visitor.Anyone, false)]
    [InlineData(Visitor.Anyone, true)]
    [InlineData(Visitor.Citizen, false)]
    [InlineData(Visitor.Citizen, true)]
    [InlineData(Visitor.Officer, false)]
    [InlineData(Visitor.Officer, true)]
    public Task Every_page_passes_axe_and_fits_the_screen(Visitor visitor, bool phone) =>
        PageTour.TakeAsync(portal, visitor, async (tab, stop) =>
        {
            await tab.ScreenshotAsync(stop.Name.Replace(' ', '-') + (phone ? "-phone" : "-desktop"));
            await tab.AssertAccessibleAsync();
        }, phone);
}
