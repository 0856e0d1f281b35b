using System.Net;
using Microsoft.EntityFrameworkCore;
using PublicServices.Payments.Data;

namespace PublicServices.Payments.Tests;

/// <summary>
/// Whole payments through the VNPay sandbox over HTTP: its page, its buttons (test controls), its signed IPN sent in the
/// background to this service and its signed redirect of the browser to the portal's return URL.
/// </summary>
public sealed class SandboxPaymentTests(PaymentsHost host) : IClassFixture<PaymentsHost>
{
    Task<Invoice> InvoiceOf(Guid id) => host.Query(db => db.Invoices.SingleAsync(i => i.Id == id));
    Task<PaymentSession> SessionOf(Guid id) => host.Query(db => db.Sessions.SingleAsync(s => s.Id == id));

    [Fact]
    public async Task A_payment_at_the_sandbox_is_settled_once_by_its_IPN_and_the_browser_lands_on_the_portal_path()
    {
        var (dossier, invoice) = await host.InvoiceAsync("sandbox-payer");
        var (session, txnRef, url) = await host.SessionAsync("sandbox-payer", invoice, new { locale = "vn", returnUrl = "/ho-so/77?tab=fees" });

        var (status, page) = await host.Sandbox.OpenAsync(url);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("150.000", page, StringComparison.Ordinal);
        var returnUrl = await host.Sandbox.FinishAsync(txnRef, "pay");
        var landed = await host.ReturnAsync(returnUrl);

        // The browser may beat the IPN (sent in the background): then it sees pending and the portal polls the session.
        Assert.Matches($@"^/ho-so/77\?tab=fees&payment=(paid|pending)&session={session}$", landed);
        Assert.Equal("paid", await host.SettledStatusAsync("sandbox-payer", session));
        var atBank = await host.Sandbox.IpnFinishedAsync(txnRef);
        Assert.Equal("delivered", (string)atBank["ipn"]!["state"]!);
        Assert.Equal("00", (string)Assert.Single(atBank["ipn"]!["attempts"]!.AsArray())!["rspCode"]!);
        var paid = await SessionOf(session);
        Assert.Equal("ipn", paid.SettledBy);
        Assert.Equal((string)atBank["transactionNo"]!, paid.ProviderTransactionNo);
        Assert.Equal(InvoiceStatus.Paid, (await InvoiceOf(invoice)).Status);
        Assert.Equal(1, await host.PaymentReceivedRows(dossier));
        // The same signed return, once the IPN is in, shows paid.
        Assert.Equal($"/ho-so/77?tab=fees&payment=paid&session={session}", await host.ReturnAsync(returnUrl));
    }

    [Fact]
    public async Task A_payment_cancelled_at_the_sandbox_fails_the_session_leaves_the_invoice_open_and_a_new_session_can_pay()
    {
        var (dossier, invoice) = await host.InvoiceAsync("changed-mind");
        var (first, firstRef, firstUrl) = await host.SessionAsync("changed-mind", invoice);

        Assert.Equal(HttpStatusCode.OK, (await host.Sandbox.OpenAsync(firstUrl)).Status);
        var back = await host.Sandbox.FinishAsync(firstRef, "cancel");

        Assert.Equal("failed", await host.SettledStatusAsync("changed-mind", first));
        Assert.Contains("payment=failed", await host.ReturnAsync(back), StringComparison.Ordinal);
        var atBank = await host.Sandbox.IpnFinishedAsync(firstRef);
        Assert.Equal("delivered", (string)atBank["ipn"]!["state"]!);
        Assert.Equal("0", (string)atBank["transactionNo"]!);
        Assert.Null((await SessionOf(first)).ProviderTransactionNo); // 0 is no transaction: not kept
        Assert.Equal(InvoiceStatus.Open, (await InvoiceOf(invoice)).Status);
        Assert.Equal(0, await host.PaymentReceivedRows(dossier));

        var (second, secondRef, secondUrl) = await host.SessionAsync("changed-mind", invoice);
        await host.Sandbox.FinishAsync(secondRef, "pay", paymentUrl: secondUrl);

        Assert.Equal("paid", await host.SettledStatusAsync("changed-mind", second));
        Assert.Equal(second, (await InvoiceOf(invoice)).PaidSessionId);
        Assert.Equal(SessionStatus.Failed, (await SessionOf(first)).Status);
        Assert.Equal(1, await host.PaymentReceivedRows(dossier));
    }

    [Fact]
    public async Task An_IPN_signed_with_another_secret_is_answered_97_and_changes_nothing()
    {
        var (dossier, invoice) = await host.InvoiceAsync("forged-at-bank");
        var (session, txnRef, url) = await host.SessionAsync("forged-at-bank", invoice);
        // The same order opened at the sandbox by another terminal with its own secret: its IPN is signed with that secret.
        var query = url[(url.IndexOf('?', StringComparison.Ordinal) + 1)..];
        var pairs = query.Split('&').Select(kv => kv.Split('='))
            .ToDictionary(kv => WebUtility.UrlDecode(kv[0]), kv => WebUtility.UrlDecode(kv[1]), StringComparer.Ordinal);
        pairs["vnp_TmnCode"] = VnPaySandbox.ForgerTmnCode;
        var forged = host.Sandbox.PayUrl + "?" + TestSigning.Query(pairs, VnPaySandbox.ForgerSecret);

        var back = await host.Sandbox.FinishAsync(txnRef, "pay", paymentUrl: forged);

        var atBank = await host.Sandbox.IpnFinishedAsync(txnRef);
        Assert.Equal("refused", (string)atBank["ipn"]!["state"]!);
        Assert.Equal("97", (string)Assert.Single(atBank["ipn"]!["attempts"]!.AsArray())!["rspCode"]!);
        Assert.Equal("/?payment=invalid", await host.ReturnAsync(back));
        Assert.Equal(SessionStatus.Pending, (await SessionOf(session)).Status);
        Assert.Equal(InvoiceStatus.Open, (await InvoiceOf(invoice)).Status);
        Assert.Equal(0, await host.PaymentReceivedRows(dossier));
    }
}
