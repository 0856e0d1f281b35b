namespace PublicServices.PaymentSandbox.Tests;

/// <summary>querydr and refund at POST /merchant_webapi/api/transaction.</summary>
public sealed class MerchantApiTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    [Fact]
    public async Task Querydr_of_a_paid_transaction_answers_00_with_its_details_in_a_signed_answer()
    {
        var payment = await sandbox.PaidAsync(vnd: 700_000);
        var recorded = await sandbox.RecordedAsync(payment.TxnRef);

        var answer = await sandbox.MerchantApiAsync(ApiRequests.QueryDr(payment));

        Assert.True(ApiRequests.IsSigned(answer, ApiRequests.QueryAnswerLayout), string.Join(", ", answer));
        Assert.Equal("00", answer["vnp_ResponseCode"]);
        Assert.Equal("querydr", answer["vnp_Command"]);
        Assert.Equal(payment.TxnRef, answer["vnp_TxnRef"]);
        Assert.Equal("70000000", answer["vnp_Amount"]);
        Assert.Equal("01", answer["vnp_TransactionType"]);
        Assert.Equal("00", answer["vnp_TransactionStatus"]);
        Assert.Equal(payment.OrderInfo, answer["vnp_OrderInfo"]);
        Assert.Equal((string?)recorded["transactionNo"], answer["vnp_TransactionNo"]);
        Assert.Equal((string?)recorded["payDate"], answer["vnp_PayDate"]);
        Assert.Equal((string?)recorded["bankCode"], answer["vnp_BankCode"]);
        Assert.False(string.IsNullOrEmpty(answer["vnp_ResponseId"]));
    }

    [Fact]
    public async Task Querydr_of_a_page_shown_but_neither_paid_nor_cancelled_reports_status_01()
    {
        var payment = PayUrl.For(SandboxFixture.Shop, SandboxFixture.NewTxnRef());
        await sandbox.OpenAsync(payment.SignedWith(SandboxFixture.ShopSecret));

        var answer = await sandbox.MerchantApiAsync(ApiRequests.QueryDr(payment));

        Assert.Equal("00", answer["vnp_ResponseCode"]);
        Assert.Equal("01", answer["vnp_TransactionStatus"]);
        Assert.True(ApiRequests.IsSigned(answer, ApiRequests.QueryAnswerLayout));
    }

    [Theory]
    [InlineData("signed with another secret", "97")]
    [InlineData("unknown TxnRef", "91")]
    [InlineData("another transaction date", "91")]
    [InlineData("unknown merchant", "02")]
    public async Task A_querydr_that_cannot_be_answered_says_why_and_tells_nothing_of_the_payment(string fault, string code)
    {
        var payment = await sandbox.PaidAsync();
        var request = fault switch
        {
            "signed with another secret" => ApiRequests.QueryDr(payment, secret: "not-the-merchant-secret"),
            "unknown TxnRef" => ApiRequests.QueryDr(PayUrl.For(SandboxFixture.Shop, SandboxFixture.NewTxnRef())),
            "another transaction date" => ApiRequests.QueryDr(PayUrl.For(SandboxFixture.Shop, payment.TxnRef).With("vnp_CreateDate", "20240101120000")),
            "unknown merchant" => ApiRequests.QueryDr(payment, tmnCode: "NOSUCH01"),
            _ => throw new ArgumentOutOfRangeException(nameof(fault)),
        };

        var answer = await sandbox.MerchantApiAsync(request);

        Assert.Equal(code, answer["vnp_ResponseCode"]);
        Assert.All(["vnp_Amount", "vnp_TransactionNo", "vnp_TransactionStatus", "vnp_PayDate"], f => Assert.Equal("", answer[f]));
        // Signed with the merchant's secret, unless no secret is known for its code.
        if (code == "02") Assert.Equal("", answer["vnp_SecureHash"]);
        else Assert.True(ApiRequests.IsSigned(answer, ApiRequests.QueryAnswerLayout), string.Join(", ", answer));
    }

    [Fact]
    public async Task A_request_id_used_twice_answers_94()
    {
        var payment = await sandbox.PaidAsync();
        var requestId = Guid.NewGuid().ToString("N");

        var first = await sandbox.MerchantApiAsync(ApiRequests.QueryDr(payment, requestId));
        var second = await sandbox.MerchantApiAsync(ApiRequests.QueryDr(payment, requestId));

        Assert.Equal("00", first["vnp_ResponseCode"]);
        Assert.Equal("94", second["vnp_ResponseCode"]);
    }

    [Fact]
    public async Task A_full_refund_answers_00_and_a_second_one_95()
    {
        var payment = await sandbox.PaidAsync(vnd: 500_000);
        var transactionNo = (string)(await sandbox.RecordedAsync(payment.TxnRef))["transactionNo"]!;

        var first = await sandbox.MerchantApiAsync(ApiRequests.Refund(payment, "02", payment.Amount, transactionNo));
        var second = await sandbox.MerchantApiAsync(ApiRequests.Refund(payment, "02", payment.Amount, transactionNo));

        Assert.Equal("00", first["vnp_ResponseCode"]);
        Assert.True(ApiRequests.IsSigned(first, ApiRequests.RefundAnswerLayout), string.Join(", ", first));
        Assert.False(first.ContainsKey("vnp_PromotionCode"));
        Assert.Equal("refund", first["vnp_Command"]);
        Assert.Equal("02", first["vnp_TransactionType"]);
        Assert.Equal("50000000", first["vnp_Amount"]);
        Assert.Equal("95", second["vnp_ResponseCode"]);
        Assert.True(ApiRequests.IsSigned(second, ApiRequests.RefundAnswerLayout));
        var refunds = (await sandbox.RecordedAsync(payment.TxnRef))["refunds"]!.AsArray();
        Assert.Equal(50_000_000, (long)refunds.Single()!["amount"]!);
    }

    [Fact]
    public async Task Refunds_may_not_exceed_what_was_paid_and_partial_ones_add_up()
    {
        var payment = await sandbox.PaidAsync(vnd: 300_000);

        var tooMuch = await sandbox.MerchantApiAsync(ApiRequests.Refund(payment, "03", payment.Amount + 100));
        var partOne = await sandbox.MerchantApiAsync(ApiRequests.Refund(payment, "03", 10_000_000));
        var fullAfterPart = await sandbox.MerchantApiAsync(ApiRequests.Refund(payment, "02", payment.Amount));
        var overTheRest = await sandbox.MerchantApiAsync(ApiRequests.Refund(payment, "03", 20_000_100));
        var theRest = await sandbox.MerchantApiAsync(ApiRequests.Refund(payment, "03", 20_000_000));
        var afterAll = await sandbox.MerchantApiAsync(ApiRequests.Refund(payment, "03", 100));

        Assert.Equal(["02", "00", "04", "02", "00", "95"],
            new[] { tooMuch, partOne, fullAfterPart, overTheRest, theRest, afterAll }.Select(a => a["vnp_ResponseCode"]));
        Assert.Equal("03", partOne["vnp_TransactionType"]);
    }

    [Fact]
    public async Task A_refund_of_an_unpaid_transaction_answers_95_and_one_with_a_bad_hash_97()
    {
        var cancelled = PayUrl.For(SandboxFixture.Shop, SandboxFixture.NewTxnRef());
        await sandbox.OpenAsync(cancelled.SignedWith(SandboxFixture.ShopSecret));
        await sandbox.Client.PostAsync(new Uri($"/sandbox/transactions/{cancelled.TxnRef}/cancel", UriKind.Relative), null);
        var paid = await sandbox.PaidAsync();

        var unpaid = await sandbox.MerchantApiAsync(ApiRequests.Refund(cancelled, "02", cancelled.Amount));
        var forged = await sandbox.MerchantApiAsync(ApiRequests.Refund(paid, "02", paid.Amount, secret: "forged"));

        Assert.Equal("95", unpaid["vnp_ResponseCode"]);
        Assert.Equal("97", forged["vnp_ResponseCode"]);
        Assert.Empty((await sandbox.RecordedAsync(paid.TxnRef))["refunds"]!.AsArray());
    }
}
