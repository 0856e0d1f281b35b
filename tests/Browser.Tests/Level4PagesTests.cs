using System.Text.RegularExpressions;
using PublicServices.Testing;

namespace PublicServices.Browser.Tests;

/// <summary>
/// The level-4 pages of the portal: paying a dossier's fee on its page through the VNPay sandbox and getting the
/// e-receipt, the public verification of a result, and the choice of how the result is delivered.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class Level4PagesTests(PortalFixture portal)
{
    /// <summary>
    /// Level 4 from end to end: a judicial record certificate (200,000 VND, due with the dossier). The standard workflow
    /// asks for the fee (status 6); the pay button leads to the provider's page (the sandbox), paying there sends the
    /// signed IPN and comes back to the dossier, which confirms the payment and offers the e-receipt; the workflow goes
    /// on by itself to the centre's desk, specialist and leader; the signed result appears on the dossier page, is
    /// downloaded (only then status 10) and verified valid on the public page, a changed copy not valid; the e-mails
    /// arrive in smtp4dev.
    /// </summary>
    [Fact]
    public async Task A_citizen_pays_the_fee_the_officers_decide_and_the_signed_result_is_downloaded_and_verified()
    {
        var citizen = await portal.OpenAsync();
        var person = await citizen.SignInAsNewCitizenAsync();
        var code = await citizen.ApplyForJudicialRecordAsync();
        var dossierPath = new Uri(citizen.Page.Url).AbsolutePath.Replace("/receipt", "", StringComparison.Ordinal);

        var status = citizen.Page.Locator("[data-invoice-status]");
        await citizen.ReloadUntilAsync(dossierPath, async () => await status.CountAsync() > 0, "the fee's invoice");
        Assert.Equal("open", await status.GetAttributeAsync("data-invoice-status"));
        Assert.Equal("6", await citizen.Page.Locator("[data-status]").First.GetAttributeAsync("data-status"));
        await WaitForMailAsync(person.Email, $"Hồ sơ {code}: đề nghị thanh toán phí, lệ phí");
        Assert.Equal("200.000 đ", (await citizen.Page.Locator("[data-amount]").InnerTextAsync()).Trim());
        Assert.NotEmpty((await citizen.Page.Locator("[data-invoice] .summary__value").First.InnerTextAsync()).Trim());
        await citizen.ScreenshotBothWidthsAsync("dossier-fee-to-pay");
        await citizen.AssertAccessibleAsync();

        await citizen.SubmitAsync("Thanh toán trực tuyến");
        Assert.Contains("/paymentv2/vpcpay.html", citizen.Page.Url, StringComparison.Ordinal);
        Assert.Contains("200.000", await citizen.Page.Locator("body").InnerTextAsync(), StringComparison.Ordinal);
        await citizen.NavigateAsync(() => citizen.Page.Locator("button:has-text('Thanh toán')").First.ClickAsync());

        // Back on the dossier: "confirming" until the IPN has settled the session, then paid (the page checks again by itself).
        await citizen.ExpectUrlAsync(Regex.Escape(dossierPath) + @"\?payment=(paid|pending)&session=");
        await citizen.Page.Locator("[data-invoice-status=paid]").WaitForAsync(new() { Timeout = 60_000 });
        var receipt = citizen.Page.Locator("a[href$='/receipt.pdf']:has-text('biên lai')");
        var href = await receipt.GetAttributeAsync("href");
        var pdf = await citizen.Page.Context.APIRequest.GetAsync(PortalFixture.Url(href!));
        Assert.Equal(200, pdf.Status);
        Assert.Equal("application/pdf", pdf.Headers["content-type"]);
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString(await pdf.BodyAsync(), 0, 4), StringComparison.Ordinal);
        Assert.Empty(await citizen.Page.Locator("main form[action*='handler=Pay']").AllAsync());
        await citizen.ScreenshotBothWidthsAsync("dossier-fee-paid");

        // Someone else's receipt is not found.
        var other = await portal.OpenAsync();
        await other.SignInAsNewCitizenAsync();
        Assert.Equal(404, (await other.Page.Context.APIRequest.GetAsync(PortalFixture.Url(href!))).Status);
        await WaitForMailAsync(person.Email, $"Hồ sơ {code}: đã nhận thanh toán");

        // Paid, the dossier reaches the centre's desk by itself; the officers decide it in their workspace.
        const string Centre = "000.00.12.H10";
        var desk = await portal.OfficerAsync($"desk@{Centre}");
        await desk.DecideAsync(code, "accept");
        var specialist = await portal.OfficerAsync($"specialist@{Centre}");
        await specialist.DecideAsync(code, "propose_approve", "Không có án tích, đề xuất cấp Phiếu số 1.");
        var leader = await portal.OfficerAsync($"leader@{Centre}");
        await leader.DecideAsync(code, "approve", "Cấp Phiếu lý lịch tư pháp số 1: không có án tích.");

        // The signed result is offered on the dossier page; the dossier stays "processed" (9) until it is downloaded.
        var download = citizen.Page.Locator("a[data-result-download]");
        await citizen.ReloadUntilAsync(dossierPath, async () => await download.CountAsync() > 0, "the result");
        Assert.Equal("9", await citizen.Page.Locator("[data-status]").First.GetAttributeAsync("data-status"));
        await citizen.ScreenshotBothWidthsAsync("dossier-with-its-result");
        await citizen.AssertAccessibleAsync();
        await WaitForMailAsync(person.Email, $"Hồ sơ {code} đã có kết quả");
        var saved = await citizen.Page.RunAndWaitForDownloadAsync(() => download.ClickAsync());
        var file = Path.Combine(Path.GetTempPath(), $"ket-qua-{Guid.NewGuid():N}.pdf");
        await saved.SaveAsAsync(file);
        var result = await File.ReadAllBytesAsync(file);
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString(result, 0, 4), StringComparison.Ordinal);
        await citizen.ReloadUntilAsync(dossierPath, async () => await citizen.Page.Locator("[data-status='10']").CountAsync() > 0, "status 10");

        // Anyone checks it on the public page the QR code opens: the file as downloaded is valid, one changed byte is not.
        var resultId = await citizen.Page.Locator("[data-result]").GetAttributeAsync("data-result");
        var anyone = await portal.OpenAsync(phone: true);
        await anyone.GoAsync($"/verify/{resultId}");
        var verdict = anyone.Page.Locator("[data-verification]");
        Assert.Equal("valid", await verdict.GetAttributeAsync("data-verification"));
        Assert.Contains("Trung tâm", await verdict.InnerTextAsync(), StringComparison.Ordinal);
        await anyone.Page.Locator("#f-file").SetInputFilesAsync(file);
        await anyone.NavigateAsync(() => anyone.Page.Locator("main form[action='/verify'] button[type=submit]").ClickAsync());
        // The answer about the uploaded file comes after the stored result's.
        Assert.Equal(["valid", "valid"], await Verdicts(anyone));
        var tampered = (byte[])result.Clone();
        tampered[tampered.Length / 2] ^= 0x20;
        await anyone.Page.Locator("#f-file").SetInputFilesAsync(new Microsoft.Playwright.FilePayload
        {
            Name = "ket-qua-da-sua.pdf", MimeType = "application/pdf", Buffer = tampered,
        });
        await anyone.NavigateAsync(() => anyone.Page.Locator("main form[action='/verify'] button[type=submit]").ClickAsync());
        Assert.Equal(["valid", "not-valid"], await Verdicts(anyone));
        await anyone.AssertAccessibleAsync();
        await anyone.ScreenshotBothWidthsAsync("verify-a-valid-result-and-a-changed-copy");
        File.Delete(file);
        foreach (var tab in new[] { citizen, desk, specialist, leader, anyone })
            tab.AssertClean();
    }

    /// <summary>The verification answers on the page, in order.</summary>
    static async Task<string[]> Verdicts(Tab tab) =>
        [.. (await Task.WhenAll((await tab.Page.Locator("[data-verification]").AllAsync()).Select(v => v.GetAttributeAsync("data-verification")))).Select(v => v ?? "")];

    /// <summary>Waits for the e-mail with this subject to reach the test mail server (smtp4dev, through its API).</summary>
    static async Task WaitForMailAsync(string address, string subject)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!(await Mailbox.ToAsync(address)).Any(m => m.Subject == subject))
        {
            Assert.True(DateTime.UtcNow < deadline, $"no e-mail \"{subject}\" to {address}: " +
                string.Join(" | ", (await Mailbox.ToAsync(address)).Select(m => m.Subject)));
            await Task.Delay(500);
        }
    }

    /// <summary>Coming back from a cancelled payment says so, with a new pay button (the page does not wait for anything).</summary>
    [Fact]
    public async Task A_cancelled_payment_says_so_and_offers_to_pay_again()
    {
        var citizen = await portal.OpenAsync(javaScript: false);
        await citizen.SignInAsNewCitizenAsync();
        await citizen.ApplyForJudicialRecordAsync();
        var dossierPath = new Uri(citizen.Page.Url).AbsolutePath.Replace("/receipt", "", StringComparison.Ordinal);
        var pay = citizen.Page.Locator("main button:has-text('Thanh toán trực tuyến')");
        await citizen.ReloadUntilAsync(dossierPath, async () => await pay.CountAsync() > 0, "the pay button");
        await citizen.SubmitAsync("Thanh toán trực tuyến");
        await citizen.NavigateAsync(() => citizen.Page.Locator("button:has-text('Hủy')").First.ClickAsync());
        await citizen.ExpectUrlAsync(Regex.Escape(dossierPath) + @"\?payment=failed&session=");
        Assert.Equal("failed", await citizen.Page.Locator("[data-payment-outcome]").GetAttributeAsync("data-payment-outcome"));
        Assert.Equal(1, await citizen.Page.Locator("main button:has-text('Thanh toán lại')").CountAsync());
        Assert.Equal("open", await citizen.Page.Locator("[data-invoice-status]").GetAttributeAsync("data-invoice-status"));
    }

    /// <summary>Anyone (not signed in) who opens the verification of an unknown result reads "not valid", on an accessible page.</summary>
    [Fact]
    public async Task The_verify_page_says_not_valid_for_an_unknown_result()
    {
        var anyone = await portal.OpenAsync(phone: true);
        var page = await anyone.GoAsync($"/verify/{Guid.NewGuid()}");
        Assert.Equal(200, page.Status);
        Assert.Contains("/verify/", anyone.Page.Url, StringComparison.Ordinal);
        var answer = anyone.Page.Locator("[data-verification]");
        Assert.Equal("not-valid", await answer.GetAttributeAsync("data-verification"));
        Assert.Contains("Không hợp lệ", await answer.InnerTextAsync(), StringComparison.Ordinal);
        await anyone.AssertAccessibleAsync();

        // The upload form refuses no file with its message at the field.
        await anyone.NavigateAsync(() => anyone.Page.Locator("main form[action='/verify'] button[type=submit]").ClickAsync());
        Assert.Contains("Chọn tệp PDF cần kiểm tra", await anyone.Page.Locator("#f-file-error").InnerTextAsync(), StringComparison.Ordinal);
        await anyone.AssertAccessibleAsync();
        anyone.AssertClean();
    }

    /// <summary>Post chosen without an address: the review page comes back with the message at the address, the choice kept.</summary>
    [Fact]
    public async Task Choosing_the_post_without_an_address_shows_the_field_error()
    {
        var citizen = await portal.OpenAsync();
        await citizen.SignInAsNewCitizenAsync();
        await citizen.StartBirthRegistrationAsync();
        await citizen.CompleteBirthRegistrationAsync();
        await citizen.Page.Locator("input[name=delivery][value=post]").CheckAsync();
        var refused = await citizen.SubmitAsync("Nộp hồ sơ");
        Assert.Equal(400, refused.Status);
        Assert.StartsWith("Lỗi: ", await citizen.Page.TitleAsync(), StringComparison.Ordinal);
        Assert.Contains("Nhập địa chỉ nhận kết quả qua bưu chính", await citizen.Page.Locator("#f-address-error").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await citizen.Page.Locator(".error-summary a[href='#f-address']").CountAsync());
        Assert.True(await citizen.Page.Locator("input[name=delivery][value=post]").IsCheckedAsync(), "the choice of the post was lost");

        await citizen.Page.FillAsync("#f-address", "ab\u0007cdefghijkl");
        await citizen.SubmitAsync("Nộp hồ sơ");
        Assert.Contains("ký tự không hợp lệ", await citizen.Page.Locator("#f-address-error").InnerTextAsync(), StringComparison.Ordinal);

        await citizen.Page.FillAsync("#f-address", "12 Phan Đình Phùng, phường Thành Sen, tỉnh Hà Tĩnh");
        await citizen.SubmitAsync("Nộp hồ sơ");
        await citizen.ExpectUrlAsync("/receipt$");
        citizen.AssertClean();
    }

    /// <summary>
    /// A result by post: once the leader approves, the ward's desk finds it on its page with the citizen's address,
    /// is told to type the post's tracking number, records it, and the citizen's dossier says it was posted (status 10).
    /// </summary>
    [Fact]
    public async Task The_desk_records_the_posting_of_a_result_and_the_citizen_sees_its_tracking_number()
    {
        const string Address = "12 Phan Đình Phùng, phường Thành Sen, tỉnh Hà Tĩnh";
        var citizen = await portal.OpenAsync();
        await citizen.SignInAsNewCitizenAsync();
        await citizen.StartBirthRegistrationAsync();
        await citizen.CompleteBirthRegistrationAsync();
        await citizen.Page.Locator("input[name=delivery][value=post]").CheckAsync();
        await citizen.Page.FillAsync("#f-address", Address);
        await citizen.SubmitAsync("Nộp hồ sơ");
        await citizen.ExpectUrlAsync("/receipt$");
        var code = (await citizen.Page.Locator("[data-dossier-code]").InnerTextAsync()).Trim();
        var dossierPath = new Uri(citizen.Page.Url).AbsolutePath.Replace("/receipt", "", StringComparison.Ordinal);

        var desk = await portal.OfficerAsync($"desk@{Journeys.Ward}");
        await desk.DecideAsync(code, "accept");
        await (await portal.OfficerAsync($"specialist@{Journeys.Ward}")).DecideAsync(code, "propose_approve", "Đủ điều kiện.");
        await (await portal.OfficerAsync($"leader@{Journeys.Ward}")).DecideAsync(code, "approve", "Đồng ý đăng ký khai sinh.");

        var item = desk.Page.Locator("[data-to-post]", new() { HasText = code });
        await desk.ReloadUntilAsync("/officer/results", async () => await item.CountAsync() > 0, "the result of " + code);
        Assert.Contains(Address, await item.InnerTextAsync(), StringComparison.Ordinal);
        await desk.ScreenshotBothWidthsAsync("results-to-post-with-a-result");
        await desk.AssertAccessibleAsync();

        await desk.NavigateAsync(() => item.Locator("button[type=submit]").ClickAsync());
        Assert.Contains("Nhập số hiệu bưu gửi", await item.Locator(".error-message").InnerTextAsync(), StringComparison.Ordinal);
        await desk.AssertAccessibleAsync();
        await item.Locator("input[type=text]").FillAsync("EB123456789VN");
        await desk.NavigateAsync(() => item.Locator("button[type=submit]").ClickAsync());
        Assert.Contains(code, await desk.Page.Locator("main [role=status]").First.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await item.CountAsync());

        var dispatch = citizen.Page.Locator("[data-dispatch]");
        await citizen.ReloadUntilAsync(dossierPath, async () => await citizen.Page.Locator("[data-status='10']").CountAsync() > 0, "status 10");
        Assert.Contains("EB123456789VN", await dispatch.InnerTextAsync(), StringComparison.Ordinal);
        await citizen.ScreenshotBothWidthsAsync("dossier-with-a-posted-result");
        await citizen.AssertAccessibleAsync();
        citizen.AssertClean();
        desk.AssertClean();
    }

    /// <summary>The account page keeps the choice of channels at the notifications service: e-mail by default, then both.</summary>
    [Fact]
    public async Task A_citizen_chooses_to_be_told_by_email_and_SMS_on_the_account_page()
    {
        var citizen = await portal.OpenAsync();
        await citizen.SignInAsNewCitizenAsync("/profile");
        Assert.True(await citizen.Page.Locator("input[name=channel][value=email]").IsCheckedAsync(), "e-mail is not the first choice");
        await citizen.Page.Locator("input[name=channel][value=both]").CheckAsync();
        await citizen.SubmitAsync("Lưu lựa chọn");
        Assert.Contains("Đã lưu lựa chọn", await citizen.Page.Locator("main [role=status]").First.InnerTextAsync(), StringComparison.Ordinal);
        await citizen.GoAsync("/profile");
        Assert.True(await citizen.Page.Locator("input[name=channel][value=both]").IsCheckedAsync(), "the choice of both was not kept");
        citizen.AssertClean();
    }
}
