using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using PublicServices.Testing;

namespace PublicServices.PaymentSandbox.Tests;

/// <summary>After the page: the IPN to the merchant (signed, retried, or lost on purpose) and the browser's return.</summary>
public sealed class PaymentFlowTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    const string Shop = SandboxFixture.Shop;
    const string Secret = SandboxFixture.ShopSecret;

    static readonly string[] ResultFields =
    [
        "vnp_Amount", "vnp_BankCode", "vnp_CardType", "vnp_OrderInfo", "vnp_PayDate", "vnp_ResponseCode", "vnp_TmnCode",
        "vnp_TransactionNo", "vnp_TransactionStatus", "vnp_TxnRef", "vnp_SecureHash",
    ];

    [Fact]
    public async Task Paying_sends_a_signed_ipn_with_00_and_redirects_the_browser_with_the_same_signed_parameters()
    {
        var url = PayUrl.For(Shop, SandboxFixture.NewTxnRef(), vnd: 2_345_000);
        var session = await sandbox.OpenAsync(url.SignedWith(Secret));

        using var pressed = await sandbox.PressAsync(session, "pay", bank: "VIETCOMBANK");

        Assert.Equal(HttpStatusCode.Found, pressed.StatusCode);
        var location = pressed.Headers.Location!.OriginalString;
        Assert.StartsWith(PayUrl.ReturnUrl + "&", location, StringComparison.Ordinal);
        var returned = QueryHelpers.ParseQuery(new Uri(location).Query).ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);
        var ipn = (await sandbox.Merchant.WaitForAsync(url.TxnRef)).Single();
        var sent = ipn.Parameters;
        Assert.True(Vnp.IsSigned(sent, Secret), "IPN signature: " + ipn.RawQuery);
        Assert.True(Vnp.IsSigned(returned, Secret), "return signature: " + location);
        // The IPN is the canonical query itself: sorted, encoded as the signature's data, the hash last.
        Assert.Equal(Vnp.QueryData(sent) + "&vnp_SecureHash=" + sent["vnp_SecureHash"], ipn.RawQuery);
        Assert.Equal(sent, returned.Where(p => p.Key.StartsWith("vnp_", StringComparison.Ordinal)).ToDictionary(StringComparer.Ordinal));
        Assert.All(ResultFields.Append("vnp_BankTranNo"), f => Assert.False(string.IsNullOrEmpty(sent.GetValueOrDefault(f)), f));
        Assert.Equal("00", sent["vnp_ResponseCode"]);
        Assert.Equal("00", sent["vnp_TransactionStatus"]);
        Assert.Equal("234500000", sent["vnp_Amount"]);
        Assert.Equal(url.TxnRef, sent["vnp_TxnRef"]);
        Assert.Equal(url.OrderInfo, sent["vnp_OrderInfo"]);
        Assert.Equal("VIETCOMBANK", sent["vnp_BankCode"]);
        Assert.Equal("ATM", sent["vnp_CardType"]);
        Assert.Matches("^[1-9][0-9]*$", sent["vnp_TransactionNo"]);
        var payDate = DateTimeOffset.ParseExact(sent["vnp_PayDate"] + "+07:00", "yyyyMMddHHmmsszzz", System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(payDate, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
        var recorded = await WaitForIpnStateAsync(url.TxnRef, "delivered");
        Assert.Equal("paid", (string?)recorded["state"]);
        Assert.Equal("00", (string?)recorded["ipn"]!["attempts"]![0]!["rspCode"]);
    }

    [Fact]
    public async Task Cancelling_sends_24_and_02_to_the_ipn_and_to_the_return_url()
    {
        var url = PayUrl.For(Shop, SandboxFixture.NewTxnRef());
        var session = await sandbox.OpenAsync(url.SignedWith(Secret));

        using var pressed = await sandbox.PressAsync(session, "cancel");

        Assert.Equal(HttpStatusCode.Found, pressed.StatusCode);
        var returned = QueryHelpers.ParseQuery(pressed.Headers.Location!.Query).ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);
        var sent = (await sandbox.Merchant.WaitForAsync(url.TxnRef)).Single().Parameters;
        Assert.True(Vnp.IsSigned(sent, Secret));
        Assert.True(Vnp.IsSigned(returned, Secret));
        foreach (var parameters in new[] { sent, returned })
        {
            Assert.Equal("24", parameters["vnp_ResponseCode"]);
            Assert.Equal("02", parameters["vnp_TransactionStatus"]);
            // As VNPay sends a cancelled payment: no bank transaction, transaction number 0.
            Assert.Equal("0", parameters["vnp_TransactionNo"]);
            Assert.False(parameters.ContainsKey("vnp_BankTranNo"));
        }
        Assert.Equal("cancelled", (string?)(await sandbox.RecordedAsync(url.TxnRef))["state"]);
    }

    [Fact]
    public async Task Paying_after_vnp_ExpireDate_fails_with_11_and_02()
    {
        var expiry = DateTimeOffset.UtcNow.AddSeconds(4);
        var url = PayUrl.For(Shop, SandboxFixture.NewTxnRef()).With("vnp_ExpireDate", Vnp.Date(expiry));
        var session = await sandbox.OpenAsync(url.SignedWith(Secret));
        // vnp_ExpireDate has whole seconds: it has passed once the clock is past the written second.
        await Task.Delay(expiry.AddSeconds(1) - DateTimeOffset.UtcNow);

        using var pressed = await sandbox.PressAsync(session, "pay");

        Assert.Equal(HttpStatusCode.Found, pressed.StatusCode);
        var sent = (await sandbox.Merchant.WaitForAsync(url.TxnRef)).Single().Parameters;
        Assert.True(Vnp.IsSigned(sent, Secret));
        Assert.Equal(("11", "02", "0"), (sent["vnp_ResponseCode"], sent["vnp_TransactionStatus"], sent["vnp_TransactionNo"]));
        Assert.Equal("expired", (string?)(await sandbox.RecordedAsync(url.TxnRef))["state"]);
    }

    [Fact]
    public async Task The_ipn_is_tried_again_until_the_merchant_answers_00_and_then_no_more()
    {
        var url = PayUrl.For(Shop, SandboxFixture.NewTxnRef());
        sandbox.Merchant.Answer(url.TxnRef, "99", "99");
        var session = await sandbox.OpenAsync(url.SignedWith(Secret));

        using var pressed = await sandbox.PressAsync(session, "pay");

        var calls = await sandbox.Merchant.WaitForAsync(url.TxnRef, count: 3);
        var recorded = await WaitForIpnStateAsync(url.TxnRef, "delivered");
        Assert.Equal(["99", "99", "00"], recorded["ipn"]!["attempts"]!.AsArray().Select(a => (string?)a!["rspCode"]));
        Assert.All(calls, c => Assert.Equal(calls[0].RawQuery, c.RawQuery));
        // Attempts 4 is allowed, 0.1 s + 0.2 s + 0.4 s: a fourth try would have come by now.
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(3, sandbox.Merchant.For(url.TxnRef).Count);
    }

    [Theory]
    [InlineData("97")]
    [InlineData("01")]
    [InlineData("04")]
    public async Task A_final_refusal_by_the_merchant_stops_the_ipn_after_one_try(string rspCode)
    {
        var url = PayUrl.For(Shop, SandboxFixture.NewTxnRef());
        sandbox.Merchant.Answer(url.TxnRef, rspCode, "00");
        var session = await sandbox.OpenAsync(url.SignedWith(Secret));

        using var pressed = await sandbox.PressAsync(session, "pay");

        var recorded = await WaitForIpnStateAsync(url.TxnRef, "refused");
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Single(sandbox.Merchant.For(url.TxnRef));
        Assert.Equal(rspCode, (string?)recorded["ipn"]!["attempts"]!.AsArray().Single()!["rspCode"]);
    }

    [Fact]
    public async Task The_ipn_gives_up_after_the_configured_tries_when_the_merchant_never_confirms()
    {
        var url = PayUrl.For(Shop, SandboxFixture.NewTxnRef());
        sandbox.Merchant.Answer(url.TxnRef, "99", "99", "99", "99", "99");
        var session = await sandbox.OpenAsync(url.SignedWith(Secret));

        using var pressed = await sandbox.PressAsync(session, "pay");

        var recorded = await WaitForIpnStateAsync(url.TxnRef, "gave-up");
        Assert.Equal(4, recorded["ipn"]!["attempts"]!.AsArray().Count);
        Assert.Equal(4, sandbox.Merchant.For(url.TxnRef).Count);
    }

    [Fact]
    public async Task A_dropped_ipn_is_never_sent_but_querydr_reports_the_payment_as_paid()
    {
        var url = PayUrl.For(Shop, SandboxFixture.NewTxnRef());
        await sandbox.OpenAsync(url.SignedWith(Secret));

        using var dropped = await sandbox.Client.PostAsync(new Uri($"/sandbox/transactions/{url.TxnRef}/drop-ipn", UriKind.Relative), null);
        using var paid = await sandbox.Client.PostAsync(new Uri($"/sandbox/transactions/{url.TxnRef}/pay", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.OK, dropped.StatusCode);
        var finished = await paid.Json(HttpStatusCode.OK);
        Assert.StartsWith(PayUrl.ReturnUrl + "&", (string?)finished["returnUrl"], StringComparison.Ordinal);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Empty(sandbox.Merchant.For(url.TxnRef));
        var recorded = await sandbox.RecordedAsync(url.TxnRef);
        Assert.Equal("dropped", (string?)recorded["ipn"]!["state"]);
        var answer = await sandbox.MerchantApiAsync(ApiRequests.QueryDr(url));
        Assert.Equal("00", answer["vnp_ResponseCode"]);
        Assert.Equal("00", answer["vnp_TransactionStatus"]);
        Assert.Equal((string?)recorded["transactionNo"], answer["vnp_TransactionNo"]);
    }

    [Fact]
    public async Task A_merchant_registered_with_DropIpn_gets_no_ipn()
    {
        var url = PayUrl.For(SandboxFixture.LostIpnShop, SandboxFixture.NewTxnRef());
        var session = await sandbox.OpenAsync(url.SignedWith(SandboxFixture.LostIpnSecret));

        using var pressed = await sandbox.PressAsync(session, "pay");

        Assert.Equal(HttpStatusCode.Found, pressed.StatusCode);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Empty(sandbox.Merchant.For(url.TxnRef));
        Assert.Equal("dropped", (string?)(await sandbox.RecordedAsync(url.TxnRef))["ipn"]!["state"]);
    }

    [Fact]
    public async Task The_test_control_pays_from_the_signed_url_alone_and_a_finished_transaction_cannot_be_finished_again()
    {
        var url = PayUrl.For(Shop, SandboxFixture.NewTxnRef());

        using var paid = await sandbox.Client.PostAsJsonAsync(new Uri($"/sandbox/transactions/{url.TxnRef}/pay", UriKind.Relative),
            new { paymentUrl = "http://sandbox.example" + url.SignedWith(Secret) });
        using var cancelled = await sandbox.Client.PostAsync(new Uri($"/sandbox/transactions/{url.TxnRef}/cancel", UriKind.Relative), null);
        using var reopened = await sandbox.Client.GetAsync(new Uri(url.SignedWith(Secret), UriKind.Relative));

        var finished = await paid.Json(HttpStatusCode.OK);
        Assert.Equal("paid", (string?)finished["transaction"]!["state"]);
        var problem = await cancelled.Problem(HttpStatusCode.Conflict);
        Assert.Equal("already-finished", (string?)problem["code"]);
        Assert.Equal(HttpStatusCode.Conflict, reopened.StatusCode);
        Assert.Single(await sandbox.Merchant.WaitForAsync(url.TxnRef));
    }

    [Fact]
    public async Task The_test_controls_refuse_a_bad_signed_url_and_an_unknown_TxnRef()
    {
        var url = PayUrl.For(Shop, SandboxFixture.NewTxnRef());

        using var forged = await sandbox.Client.PostAsJsonAsync(new Uri($"/sandbox/transactions/{url.TxnRef}/pay", UriKind.Relative),
            new { paymentUrl = url.SignedWith("forged") });
        using var unknown = await sandbox.Client.PostAsync(new Uri($"/sandbox/transactions/{url.TxnRef}/pay", UriKind.Relative), null);

        Assert.Equal("invalid-signature", (string?)(await forged.Problem(HttpStatusCode.BadRequest))["code"]);
        Assert.Equal("unknown-transaction", (string?)(await unknown.Problem(HttpStatusCode.NotFound))["code"]);
    }

    async Task<JsonObject> WaitForIpnStateAsync(string txnRef, string state)
    {
        JsonObject recorded = [];
        for (var i = 0; i < 300; i++)
        {
            recorded = await sandbox.RecordedAsync(txnRef);
            if ((string?)recorded["ipn"]!["state"] == state) return recorded;
            await Task.Delay(50);
        }
        Assert.Fail($"IPN of {txnRef} never reached {state}: {recorded.ToJsonString()}");
        return recorded;
    }
}
