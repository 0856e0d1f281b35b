using System.Net;

namespace PublicServices.PaymentSandbox.Tests;

public sealed class PaymentPageTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    const string Shop = SandboxFixture.Shop;
    const string Secret = SandboxFixture.ShopSecret;

    [Fact]
    public async Task A_correctly_signed_pay_url_shows_the_order_and_the_pay_and_cancel_buttons()
    {
        var url = PayUrl.For(Shop, SandboxFixture.NewTxnRef(), vnd: 1_500_000);

        using var page = await sandbox.Client.GetAsync(new Uri(url.SignedWith(Secret), UriKind.Relative));

        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<html lang=\"vi\">", html, StringComparison.Ordinal);
        Assert.Contains("1.500.000 VND", html, StringComparison.Ordinal);
        Assert.Contains(url.OrderInfo, WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.Contains("value=\"pay\" class=\"button\">Thanh toán</button>", html, StringComparison.Ordinal);
        Assert.Contains(">Hủy</button>", html, StringComparison.Ordinal);
        Assert.Contains("<label for=\"bank\">", html, StringComparison.Ordinal);
        // Shown, neither paid nor cancelled: recorded as pending.
        var recorded = await sandbox.RecordedAsync(url.TxnRef);
        Assert.Equal("pending", (string?)recorded["state"]);
        Assert.Equal("01", (string?)recorded["transactionStatus"]);
    }

    [Fact]
    public async Task The_page_speaks_English_when_vnp_Locale_is_en_and_its_stylesheet_is_served()
    {
        var url = PayUrl.For(Shop, SandboxFixture.NewTxnRef(), vnd: 250_000, locale: "en");

        using var page = await sandbox.Client.GetAsync(new Uri(url.SignedWith(Secret), UriKind.Relative));
        using var css = await sandbox.Client.GetAsync(new Uri("/assets/sandbox.css", UriKind.Relative));

        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
        Assert.Contains(">Pay</button>", html, StringComparison.Ordinal);
        Assert.Contains(">Cancel</button>", html, StringComparison.Ordinal);
        Assert.Contains("250.000 VND", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
    }

    public static TheoryData<string, string> Refused => new()
    {
        { "signed with another secret", "invalid-signature" },
        { "amount changed after signing", "invalid-signature" },
        { "spaces encoded as %20 in the signed data", "invalid-signature" },
        { "expired", "expired" },
        { "amount not a multiple of 100", "invalid-amount" },
        { "amount zero", "invalid-amount" },
        { "amount negative", "invalid-amount" },
        { "no order info", "missing-field" },
        { "no signature", "missing-field" },
        { "version 2.0.1", "invalid-version" },
        { "command querydr", "invalid-command" },
        { "currency USD", "invalid-currency" },
        { "unknown merchant", "unknown-merchant" },
        { "return URL not absolute", "invalid-return-url" },
    };

    [Theory, MemberData(nameof(Refused))]
    public async Task A_pay_url_that_breaks_the_protocol_is_refused_with_its_reason_and_creates_no_transaction(string fault, string code)
    {
        var url = PayUrl.For(Shop, SandboxFixture.NewTxnRef());
        var signed = fault switch
        {
            "signed with another secret" => url.SignedWith("not-the-merchant-secret"),
            "amount changed after signing" => url.SignedThenChanged(Secret, "vnp_Amount", "100"),
            "spaces encoded as %20 in the signed data" => url.SignedWithPercentSpaces(Secret),
            "expired" => url.With("vnp_ExpireDate", Vnp.Date(DateTimeOffset.UtcNow.AddMinutes(-1))).SignedWith(Secret),
            "amount not a multiple of 100" => url.With("vnp_Amount", "150000050").SignedWith(Secret),
            "amount zero" => url.With("vnp_Amount", "0").SignedWith(Secret),
            "amount negative" => url.With("vnp_Amount", "-150000000").SignedWith(Secret),
            "no order info" => url.With("vnp_OrderInfo", null).SignedWith(Secret),
            "no signature" => url.SignedWith(Secret)[..url.SignedWith(Secret).IndexOf("&vnp_SecureHash=", StringComparison.Ordinal)],
            "version 2.0.1" => url.With("vnp_Version", "2.0.1").SignedWith(Secret),
            "command querydr" => url.With("vnp_Command", "querydr").SignedWith(Secret),
            "currency USD" => url.With("vnp_CurrCode", "USD").SignedWith(Secret),
            "unknown merchant" => url.With("vnp_TmnCode", "NOSUCH01").SignedWith(Secret),
            "return URL not absolute" => url.With("vnp_ReturnUrl", "/payments/return").SignedWith(Secret),
            _ => throw new ArgumentOutOfRangeException(nameof(fault)),
        };

        using var page = await sandbox.Client.GetAsync(new Uri(signed, UriKind.Relative));

        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains($"data-refusal=\"{code}\"", html, StringComparison.Ordinal);
        Assert.Contains("role=\"alert\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"session\"", html, StringComparison.Ordinal);
        using var recorded = await sandbox.Client.GetAsync(new Uri($"/sandbox/transactions/{url.TxnRef}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, recorded.StatusCode);
    }

    [Fact]
    public async Task Reloading_the_page_keeps_its_session_and_another_request_with_the_same_TxnRef_is_refused()
    {
        var url = PayUrl.For(Shop, SandboxFixture.NewTxnRef(), vnd: 100_000);
        var first = await sandbox.OpenAsync(url.SignedWith(Secret));

        var again = await sandbox.OpenAsync(url.SignedWith(Secret));
        using var other = await sandbox.Client.GetAsync(new Uri(url.With("vnp_Amount", "20000000").SignedWith(Secret), UriKind.Relative));

        Assert.Equal(first, again);
        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
        Assert.Contains("data-refusal=\"duplicate-transaction\"", await other.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(10_000_000, (long)(await sandbox.RecordedAsync(url.TxnRef))["amount"]!);
    }
}
