using System.Text.RegularExpressions;

namespace PublicServices.Browser.Tests;

/// <summary>
/// What people get wrong, and how the portal answers: a wrong or missing answer brings the form back (400, "Lỗi:" in
/// the title, the error summary linking to each field, the messages by the fields, everything typed kept); a file of
/// the wrong type or too large is refused with a message by its control; a session that expired sends the person to
/// log in and back to the same page. With and without JavaScript.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class BadInputTests(PortalFixture portal)
{
    const string ChildName = "Nguyễn Minh Khôi";
    const string MotherName = "Trần Thị Lan";

    static async Task ExpectAnswersKeptAsync(Tab tab)
    {
        var page = tab.Page;
        Assert.Equal(ChildName, await page.InputValueAsync("#f-childFullName"));
        Assert.Equal(MotherName, await page.InputValueAsync("#f-motherFullName"));
        // Typed in groups, stored as digits: either way the same number.
        Assert.Equal("0912345678", (await page.InputValueAsync("#f-requesterPhone")).Replace(" ", "", StringComparison.Ordinal));
        Assert.True(await page.Locator("input[name=childSex][value=male]").IsCheckedAsync());
        Assert.True(await page.Locator("input[name=requesterRelationship][value=mother]").IsCheckedAsync());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_wrong_or_missing_answer_brings_the_form_back_with_its_messages_by_their_fields_and_everything_typed(bool javaScript)
    {
        var tab = await portal.OpenAsync(javaScript: javaScript);
        var page = tab.Page;
        await tab.SignInAsNewCitizenAsync();
        var form = await tab.StartBirthRegistrationAsync();
        await tab.FillBirthRegistrationAsync();
        await page.FillAsync("#f-childDateOfBirth", "31/02/2026");
        await page.FillAsync("#f-placeOfBirth", "");
        await page.FillAsync("#f-motherIdNumber", "042190123");

        var response = await tab.SubmitAsync("Lưu và tiếp tục");
        Assert.Equal(400, response.Status);
        Assert.StartsWith("Lỗi:", await page.TitleAsync(), StringComparison.Ordinal);

        // One link per message, each to its field; the field is marked invalid and shows the same message above it.
        var links = await page.Locator(".error-summary a").AllAsync();
        var fields = new List<string>();
        foreach (var link in links)
        {
            var id = (await link.GetAttributeAsync("href"))!.TrimStart('#');
            fields.Add(id);
            var field = page.Locator($"[id='{id}']");
            Assert.Equal("true", await field.GetAttributeAsync("aria-invalid"));
            Assert.Contains(id + "-error", await field.GetAttributeAsync("aria-describedby") ?? "", StringComparison.Ordinal);
            Assert.Contains((await link.InnerTextAsync()).Trim(), await page.Locator($"[id='{id}-error']").InnerTextAsync(), StringComparison.Ordinal);
        }
        Assert.Equal(["f-childDateOfBirth", "f-motherIdNumber", "f-placeOfBirth"], fields.Order(StringComparer.Ordinal));
        Assert.Contains("ngày/tháng/năm", await page.Locator("#f-childDateOfBirth-error").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Nơi sinh", await page.Locator("#f-placeOfBirth-error").InnerTextAsync(), StringComparison.Ordinal);
        // The ID's message says how many digits were typed and how many it needs.
        Assert.Contains("12 chữ số, bạn đã nhập 9 chữ số", await page.Locator("#f-motherIdNumber-error").InnerTextAsync(), StringComparison.Ordinal);

        // Everything typed is there again, the wrong answers too, so they can be corrected rather than retyped.
        await ExpectAnswersKeptAsync(tab);
        Assert.Equal("31/02/2026", await page.InputValueAsync("#f-childDateOfBirth"));
        Assert.Equal("042190123", await page.InputValueAsync("#f-motherIdNumber"));
        if (javaScript)
            Assert.True(await page.EvaluateAsync<bool>("() => document.activeElement.classList.contains('error-summary')"), "the error summary has no focus");

        // The answers that could be read were saved in the draft meanwhile.
        await tab.GoAsync(form);
        await ExpectAnswersKeptAsync(tab);
        tab.AssertClean();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_file_of_the_wrong_type_or_too_large_gets_a_message_by_its_control_and_the_answers_stay(bool javaScript)
    {
        var tab = await portal.OpenAsync(javaScript: javaScript);
        await tab.SignInAsNewCitizenAsync();
        var form = await tab.StartBirthRegistrationAsync();
        await tab.FillBirthRegistrationAsync();
        await tab.SubmitAsync("Lưu và tiếp tục");
        await tab.ExpectUrlAsync("/documents$");

        // Text named .pdf: the content decides, not the name.
        await tab.UploadAsync("giay-chung-sinh", "giay-chung-sinh.pdf", "application/pdf", "hello"u8.ToArray());
        await ExpectRefusedAsync(tab, "PDF");
        // A real PDF, 1 KiB over the 5 MiB limit.
        var large = PublicServices.Testing.SampleFiles.Pdf(5 * 1024 * 1024 + 1024);
        await tab.UploadAsync("giay-chung-sinh", "giay-chung-sinh-lon.pdf", "application/pdf", large);
        await ExpectRefusedAsync(tab, "5 MB");

        await tab.GoAsync(form);
        await ExpectAnswersKeptAsync(tab);
        tab.AssertClean();
    }

    /// <summary>The documents page again: the message by the birth certificate's control and in the summary, no file taken.</summary>
    static async Task ExpectRefusedAsync(Tab tab, string says)
    {
        var page = tab.Page;
        await tab.ExpectUrlAsync("/documents$");
        var shown = page.Locator("#f-file-giay-chung-sinh-error");
        Assert.True(await shown.CountAsync() == 1, "no message by the control; the page says:\n" + await page.Locator("main").InnerTextAsync());
        var message = (await shown.InnerTextAsync()).Trim();
        Assert.Contains(says, message, StringComparison.Ordinal);
        var describedBy = await page.Locator("#f-file-giay-chung-sinh").GetAttributeAsync("aria-describedby") ?? "";
        Assert.Contains("f-file-giay-chung-sinh-error", describedBy, StringComparison.Ordinal);
        Assert.Equal(1, await page.Locator(".error-summary a[href='#f-file-giay-chung-sinh']").CountAsync());
        Assert.StartsWith("Lỗi:", await page.TitleAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("section:has(#f-file-giay-chung-sinh) .upload__file").CountAsync());
    }

    [Fact]
    public async Task After_the_session_expires_the_person_logs_in_again_and_is_back_on_the_same_form_with_the_answers()
    {
        var tab = await portal.OpenAsync();
        var person = await tab.SignInAsNewCitizenAsync();
        var form = await tab.StartBirthRegistrationAsync();
        await tab.FillBirthRegistrationAsync();
        await tab.SubmitAsync("Lưu để làm tiếp sau");
        Assert.Equal(1, await tab.Page.Locator("main [role=status]").CountAsync());

        // The portal's session ends on the server, and the identity service's login cookie is gone too.
        await portal.EndAllSessionsAsync();
        await tab.Page.Context.ClearCookiesAsync(new() { Name = "ps.identity" });

        await tab.GoAsync(form);
        await tab.LogInAsync(person.Email, person.Password);
        await tab.ExpectUrlAsync(Regex.Escape(form) + "$");
        await ExpectAnswersKeptAsync(tab);
        tab.AssertClean();
    }
}
