namespace PublicServices.Browser.Tests;

/// <summary>
/// axe (WCAG 2.2 AA, nothing serious or critical) and no sideways scrolling on every page, in each state people meet
/// it (failed posts, an uploaded file, a submitted dossier, an officer's task), on a desktop and on a 375 px phone.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class AccessibilityTests(PortalFixture portal)
{
    static PageTour Tour(Tab tab, bool phone) => new(tab, async (t, stop) =>
    {
        await t.ScreenshotAsync(stop.Name.Replace(' ', '-') + (phone ? "-phone" : "-desktop"));
        await t.AssertAccessibleAsync();
    });

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_pages_anyone_sees_are_accessible(bool phone)
    {
        var tab = await portal.OpenAsync(phone: phone);
        var tour = Tour(tab, phone);
        await tour.AnyoneAsync();
        tour.AssertEveryStopPassed();
        tab.AssertClean();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_pages_a_citizen_sees_while_applying_are_accessible(bool phone)
    {
        var tab = await portal.OpenAsync(phone: phone);
        var tour = Tour(tab, phone);
        await tour.CitizenAsync();
        tour.AssertEveryStopPassed();
        tab.AssertClean();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_pages_an_officer_sees_are_accessible(bool phone)
    {
        var citizen = await portal.OpenAsync();
        await citizen.SignInAsNewCitizenAsync();
        var code = await citizen.ApplyForBirthRegistrationAsync();
        var tab = await portal.OpenAsync(phone: phone);
        var tour = Tour(tab, phone);
        await tour.OfficerAsync(code);
        tour.AssertEveryStopPassed();
        tab.AssertClean();
    }
}
