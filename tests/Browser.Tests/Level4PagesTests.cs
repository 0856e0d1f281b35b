using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace PublicServices.Browser.Tests;

/// <summary>
/// The level-4 pages of the portal: paying a dossier's fee on its page through the VNPay sandbox and getting the
/// e-receipt, the public verification of a result, and the choice of how the result is delivered.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class Level4PagesTests(PortalFixture portal)
{
    /// <summary>
    /// The fee of a judicial record certificate (200,000 VND) is paid from the dossier page: the pay button leads to the
    /// provider's page (the sandbox), paying there comes back to the dossier, which confirms the payment once the IPN has
    /// arrived and offers the e-receipt.
    /// </summary>
    [Fact]
    public async Task A_citizen_pays_the_fee_on_the_dossier_page_and_downloads_the_receipt()
    {
        var citizen = await portal.OpenAsync();
        await citizen.SignInAsNewCitizenAsync();
        var code = await citizen.ApplyForJudicialRecordAsync();
        var dossierPath = new Uri(citizen.Page.Url).AbsolutePath.Replace("/receipt", "", StringComparison.Ordinal);
        var dossier = dossierPath.Split('/').Last();
        await RequestPaymentAsync(dossier, code);

        var status = citizen.Page.Locator("[data-invoice-status]");
        await citizen.ReloadUntilAsync(dossierPath, async () => await status.CountAsync() > 0, "the fee's invoice");
        Assert.Equal("open", await status.GetAttributeAsync("data-invoice-status"));
        Assert.Equal("200.000 đ", (await citizen.Page.Locator("[data-amount]").InnerTextAsync()).Trim());
        Assert.NotEmpty((await citizen.Page.Locator("[data-invoice] .summary__value").First.InnerTextAsync()).Trim());

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

        // Someone else's receipt is not found.
        var other = await portal.OpenAsync();
        await other.SignInAsNewCitizenAsync();
        Assert.Equal(404, (await other.Page.Context.APIRequest.GetAsync(PortalFixture.Url(href!))).Status);
        citizen.AssertClean();
    }

    /// <summary>Coming back from a cancelled payment says so, with a new pay button (the page does not wait for anything).</summary>
    [Fact]
    public async Task A_cancelled_payment_says_so_and_offers_to_pay_again()
    {
        var citizen = await portal.OpenAsync(javaScript: false);
        await citizen.SignInAsNewCitizenAsync();
        var code = await citizen.ApplyForJudicialRecordAsync();
        var dossierPath = new Uri(citizen.Page.Url).AbsolutePath.Replace("/receipt", "", StringComparison.Ordinal);
        await RequestPaymentAsync(dossierPath.Split('/').Last(), code);
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

        await citizen.Page.FillAsync("#f-address", "12 Nguyễn Trãi, phường Phố Hiến, tỉnh Hưng Yên");
        await citizen.SubmitAsync("Nộp hồ sơ");
        await citizen.ExpectUrlAsync("/receipt$");
        citizen.AssertClean();
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

    /// <summary>
    /// The PaymentRequested.v1 the workflow sends for a fee-bearing procedure, posted to the payments service with the
    /// workflow's own token as its outbox does. Once the standard workflow asks for the fee itself (main), this goes:
    /// the invoice is then the workflow's.
    /// </summary>
    async Task RequestPaymentAsync(string dossier, string code)
    {
        using var http = portal.System.Client();
        using var token = await http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = "svc-workflow",
            ["client_secret"] = portal.System.ServiceClientSecret("svc-workflow"), ["scope"] = "payments",
        }));
        Assert.True(token.IsSuccessStatusCode, await token.Content.ReadAsStringAsync());
        var accessToken = (string)(await token.Content.ReadFromJsonAsync<JsonObject>())!["access_token"]!;
        await Fees.RequestAsync(accessToken, dossier, code, "000.00.12.H10", 200_000, "Phí cung cấp thông tin lý lịch tư pháp");
    }
}
