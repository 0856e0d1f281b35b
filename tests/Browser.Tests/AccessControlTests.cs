namespace PublicServices.Browser.Tests;

/// <summary>
/// Editing an address does not open someone else's things: another citizen's dossier, receipt, draft, document or QR
/// code is "not found" (not "forbidden", which would say it exists), officers' pages are refused to citizens, and a
/// visitor who is not signed in is asked to log in and brought back to where they were going.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class AccessControlTests(PortalFixture portal)
{
    /// <summary>The 404 page, with nothing of <paramref name="secrets"/> anywhere in it.</summary>
    static async Task ExpectNotFoundAsync(Tab tab, string path, params string[] secrets)
    {
        var response = await tab.GoAsync(path);
        Assert.True(response.Status == 404, $"{path} answered {response.Status}");
        Assert.Equal("Không tìm thấy trang", (await tab.Page.Locator("h1").InnerTextAsync()).Trim());
        var html = await tab.Page.ContentAsync();
        foreach (var secret in secrets)
            Assert.False(html.Contains(secret, StringComparison.Ordinal), $"{path} shows {secret}");
    }

    static async Task<int> StatusAsync(Tab tab, string path) => (await tab.Page.APIRequest.GetAsync(PortalFixture.Url(path))).Status;

    [Fact]
    public async Task A_citizen_who_edits_the_address_gets_not_found_for_another_citizen_s_dossier_draft_document_and_QR_code()
    {
        // The first citizen: a submitted dossier with its document, and a draft with answers saved.
        var owner = await portal.OpenAsync();
        var person = await owner.SignInAsNewCitizenAsync();
        var code = await owner.ApplyForBirthRegistrationAsync();
        var dossier = new Uri(owner.Page.Url).AbsolutePath.Replace("/receipt", "", StringComparison.Ordinal);
        await owner.GoAsync(dossier);
        var file = await owner.Page.Locator("main a[href^='/files/']").First.GetAttributeAsync("href");
        var form = await owner.StartBirthRegistrationAsync();
        await owner.FillBirthRegistrationAsync();
        await owner.SubmitAsync("Lưu để làm tiếp sau");
        var draft = form.Replace("/form", "", StringComparison.Ordinal);

        // The addresses work for their owner (so a refusal below is about the person, not a wrong address).
        foreach (var path in new[] { dossier, dossier + "/receipt", dossier + "/qr.png", file!, form, draft + "/documents", draft + "/review" })
            Assert.True(await StatusAsync(owner, path) == 200, $"{path} is not there for its owner");

        var other = await portal.OpenAsync();
        await other.SignInAsNewCitizenAsync();
        string[] secrets = [code, person.FullName, person.NationalId, "Nguyễn Minh Khôi", "Trần Thị Lan", "giay-chung-sinh.pdf"];
        await ExpectNotFoundAsync(other, dossier, secrets);
        await ExpectNotFoundAsync(other, dossier + "/receipt", secrets);
        await ExpectNotFoundAsync(other, dossier + "/qr.png", secrets);
        await ExpectNotFoundAsync(other, file!, secrets);
        await ExpectNotFoundAsync(other, form, secrets);
        await ExpectNotFoundAsync(other, draft + "/documents", secrets);
        await ExpectNotFoundAsync(other, draft + "/review", secrets);
        await other.GoAsync("/dossiers");
        Assert.DoesNotContain(code, await other.Page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        owner.AssertClean();
        other.AssertClean();
    }

    [Fact]
    public async Task A_citizen_on_the_officers_pages_gets_the_forbidden_page()
    {
        var tab = await portal.OpenAsync();
        await tab.SignInAsNewCitizenAsync();
        foreach (var path in new[] { "/officer", $"/officer/tasks/{Guid.NewGuid()}" })
        {
            var response = await tab.GoAsync(path);
            Assert.True(response.Status == 403, $"{path} answered {response.Status}");
            Assert.Equal("Bạn không có quyền xem trang này", (await tab.Page.Locator("h1").InnerTextAsync()).Trim());
        }
        tab.AssertClean();
    }

    [Fact]
    public async Task A_visitor_not_signed_in_is_asked_to_log_in_and_comes_back_to_my_dossiers()
    {
        var person = await People.RegisteredCitizenAsync();
        var tab = await portal.OpenAsync();
        await tab.GoAsync("/dossiers");
        await tab.LogInAsync(person.Email, person.Password);
        await tab.ExpectUrlAsync("/dossiers$");
        Assert.Equal("Hồ sơ của tôi", (await tab.Page.Locator("h1").InnerTextAsync()).Trim());
        tab.AssertClean();
    }
}
