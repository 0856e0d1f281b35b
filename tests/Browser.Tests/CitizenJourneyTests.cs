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
        // The receipt to keep: a PDF with the code and the title, its Vietnamese letters intact.
        var pdf = await page.APIRequest.GetAsync(page.Url + ".pdf");
        Assert.Equal(200, pdf.Status);
        Assert.Equal("application/pdf", pdf.Headers["content-type"]);
        using (var receipt = UglyToad.PdfPig.PdfDocument.Open(await pdf.BodyAsync()))
        {
            var text = string.Join(" ", receipt.GetPages().Select(p => p.Text));
            Assert.Contains(code, text, StringComparison.Ordinal);
            Assert.Contains("GIẤY TIẾP NHẬN HỒ SƠ", text.Normalize(System.Text.NormalizationForm.FormC), StringComparison.Ordinal);
        }

        // Follow: the receipt leads to the dossier, and "My dossiers" lists it.
        await tab.ClickAsync("Xem và theo dõi hồ sơ");
        Assert.Contains(code, await page.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("giay-chung-sinh.pdf", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await tab.GoAsync("/dossiers");
        Assert.Equal(1, await page.Locator($"a:has-text('{code}')").CountAsync());

        // Signing out ends the session here and at the identity service: the next private page asks for a login.
        await tab.ClickAsync("Đăng xuất");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        Assert.Equal(1, await page.Locator("nav a[href^='/signin']").CountAsync());
        await tab.GoAsync("/dossiers");
        await page.WaitForURLAsync(new Regex("/account/login"));
        tab.AssertClean();
    }

    [Fact]
    public async Task A_draft_saves_itself_while_typing_and_is_resumed_on_another_device()
    {
        var person = await People.RegisteredCitizenAsync();
        var phone = await portal.OpenAsync(phone: true);
        await phone.SignInAsync(person.Email, person.Password);
        await phone.GoAsync($"/procedures/{Journeys.BirthRegistration}");
        await phone.ClickAsync("Bắt đầu nộp hồ sơ");
        await phone.Page.WaitForURLAsync(new Regex("/applications/.+/form$"));
        await phone.Page.FillAsync("#f-childFullName", "Lê Bảo Ngọc");
        await phone.Page.FillAsync("#f-placeOfBirth", "Trạm y tế phường Thành Sen");
        // No button pressed: the page's script saves the draft after the typing stops, and says so.
        await phone.Page.Locator("[data-autosave-status]:has-text('Đã tự động lưu')").WaitForAsync();

        var desktop = await portal.OpenAsync();
        await desktop.SignInAsync(person.Email, person.Password, "/dossiers");
        await desktop.Page.Locator("main a[href^='/applications/']").First.ClickAsync();
        Assert.Equal("Lê Bảo Ngọc", await desktop.Page.InputValueAsync("#f-childFullName"));
        Assert.Equal("Trạm y tế phường Thành Sen", await desktop.Page.InputValueAsync("#f-placeOfBirth"));
        phone.AssertClean();
        desktop.AssertClean();
    }

    [Fact]
    public async Task A_citizen_withdraws_a_dossier_with_a_reason_and_it_leaves_the_officers_inbox()
    {
        var person = await People.RegisteredCitizenAsync();
        var citizen = await portal.OpenAsync();
        await citizen.SignInAsync(person.Email, person.Password);
        var code = await citizen.ApplyForBirthRegistrationAsync();
        var desk = await portal.OpenAsync();
        await desk.SignInAsync("desk@000.20.01.H10", People.OfficerPassword, "/officer");
        var inbox = "/officer?q=" + Uri.EscapeDataString(code);
        await desk.ReloadUntilAsync(inbox, async () => await desk.Page.Locator($"main a:has-text('{code}')").CountAsync() == 1, "the task of " + code);

        // Without a reason the page says what is missing; with one, the dossier is withdrawn (status 7).
        await citizen.ClickAsync("Xem và theo dõi hồ sơ");
        await citizen.Page.Locator("form[action*='handler=Withdraw'] button[type=submit]").ClickAsync();
        Assert.Equal("true", await citizen.Page.Locator("#f-reason").GetAttributeAsync("aria-invalid"));
        await citizen.Page.FillAsync("#f-reason", "Tôi nộp nhầm thủ tục");
        await citizen.Page.Locator("form[action*='handler=Withdraw'] button[type=submit]").ClickAsync();
        await citizen.Page.Locator("[data-status='7']").WaitForAsync();
        Assert.Equal(0, await citizen.Page.Locator("form[action*='handler=Withdraw']").CountAsync());

        // The workflow learns it and the desk's task goes away.
        await desk.ReloadUntilAsync(inbox, async () => await desk.Page.Locator($"main a:has-text('{code}')").CountAsync() == 0, "no task for " + code);
        citizen.AssertClean();
        desk.AssertClean();
    }

    [Fact]
    public async Task A_citizen_replaces_then_removes_an_uploaded_document_and_cannot_move_on_without_it()
    {
        var tab = await portal.OpenAsync();
        await tab.SignInAsNewCitizenAsync();
        await tab.StartBirthRegistrationAsync();
        await tab.FillBirthRegistrationAsync();
        await tab.ClickAsync("Lưu và tiếp tục");
        await tab.ExpectUrlAsync("/documents$");
        var section = tab.Page.Locator("section:has(form[action$='/documents/giay-chung-sinh'])");

        await tab.UploadAsync("giay-chung-sinh", "ban-dau.pdf", "application/pdf", People.SamplePdf());
        Assert.Contains("ban-dau.pdf", await section.InnerTextAsync(), StringComparison.Ordinal);
        await tab.UploadAsync("giay-chung-sinh", "thay-the.pdf", "application/pdf", People.SamplePdf());
        Assert.Contains("thay-the.pdf", await section.InnerTextAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("ban-dau.pdf", await section.InnerTextAsync(), StringComparison.Ordinal);

        await section.Locator("form[action*='handler=Remove'] button").ClickAsync();
        await tab.Page.WaitForLoadStateAsync();
        Assert.DoesNotContain("thay-the.pdf", await section.InnerTextAsync(), StringComparison.Ordinal);
        await tab.ClickAsync("Lưu và tiếp tục");
        Assert.StartsWith("Lỗi:", await tab.Page.TitleAsync(), StringComparison.Ordinal);
        Assert.EndsWith("/documents", new Uri(tab.Page.Url).AbsolutePath, StringComparison.Ordinal);
        tab.AssertClean();
    }

    [Fact]
    public async Task Logging_out_everywhere_ends_the_sessions_of_every_device()
    {
        var person = await People.RegisteredCitizenAsync();
        var phone = await portal.OpenAsync(phone: true);
        await phone.SignInAsync(person.Email, person.Password, "/dossiers");
        var laptop = await portal.OpenAsync();
        await laptop.SignInAsync(person.Email, person.Password, "/profile");
        Assert.Equal(2, await laptop.Page.Locator("main tbody tr").CountAsync());

        await laptop.ClickAsync("Đăng xuất trên mọi thiết bị");
        await laptop.Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        // The phone's next private page asks for the password again: neither its portal session nor its login survived.
        await phone.GoAsync("/dossiers");
        await phone.Page.WaitForURLAsync(new Regex("/account/login"));
        phone.AssertClean();
        laptop.AssertClean();
    }

    [Fact]
    public async Task A_wrong_answer_is_named_by_its_field_as_soon_as_the_person_leaves_it()
    {
        var tab = await portal.OpenAsync();
        await tab.SignInAsNewCitizenAsync();
        await tab.StartBirthRegistrationAsync();
        var page = tab.Page;

        await page.FillAsync("#f-motherIdNumber", "042 190 12");
        await page.FocusAsync("#f-requesterPhone");
        var message = page.Locator("#f-motherIdNumber-error");
        await message.WaitForAsync();
        Assert.Contains("bạn đã nhập 8 chữ số", await message.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("true", await page.Locator("#f-motherIdNumber").GetAttributeAsync("aria-invalid"));
        // Questions the person has not reached yet say nothing.
        Assert.Equal(0, await page.Locator("#f-childFullName-error").CountAsync());

        await page.FillAsync("#f-motherIdNumber", "042 190 123 456");
        await page.FocusAsync("#f-requesterPhone");
        await message.WaitForAsync(new() { State = Microsoft.Playwright.WaitForSelectorState.Detached });
        Assert.Null(await page.Locator("#f-motherIdNumber").GetAttributeAsync("aria-invalid"));
        tab.AssertClean();
    }
}
