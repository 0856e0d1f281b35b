using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using PublicServices.Payments.Data;
using PublicServices.Payments.Domain.Reconciliation;
using PublicServices.Payments.Providers.VnPay;
using UglyToad.PdfPig;

namespace PublicServices.Payments.Tests;

/// <summary>Reconciliation with the provider's query API and refunds through its refund API (both the sandbox's, over HTTP), and the e-receipt.</summary>
public sealed class SettlementTests(PaymentsHost host) : IClassFixture<PaymentsHost>
{
    async Task ExpireAsync(Guid session) => await host.Query(db => db.Sessions.Where(s => s.Id == session)
        .ExecuteUpdateAsync(u => u.SetProperty(s => s.ExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-1))));

    Task<int> ReconcileAsync() => host.InScope<Reconciler, int>(r => r.RunOnceAsync(CancellationToken.None));

    async Task<string> IpnCode(string path)
    {
        using var anonymous = host.Client();
        return (string)(await anonymous.GetFromJsonAsync<JsonObject>(path))!["RspCode"]!;
    }

    /// <summary>An invoice paid through the sandbox (its test control's pay button), settled by the sandbox's IPN.</summary>
    async Task<(Guid Dossier, Guid Invoice, Guid Session, string TxnRef)> PaidAsync(string applicant)
    {
        var (dossier, invoice) = await host.InvoiceAsync(applicant);
        var (session, txnRef, url) = await host.SessionAsync(applicant, invoice);
        await host.Sandbox.FinishAsync(txnRef, "pay", paymentUrl: url);
        Assert.Equal("paid", await host.SettledStatusAsync(applicant, session));
        return (dossier, invoice, session, txnRef);
    }

    [Fact]
    public async Task Reconciliation_settles_a_paid_session_whose_IPN_was_lost_exactly_like_an_IPN_and_expires_unpaid_ones()
    {
        var (paidDossier, paidInvoice) = await host.InvoiceAsync("quiet-bank");
        var (paidSession, paidRef, paidUrl) = await host.SessionAsync("quiet-bank", paidInvoice);
        var (_, openedInvoice) = await host.InvoiceAsync("walked-away");
        var (openedSession, _, openedUrl) = await host.SessionAsync("walked-away", openedInvoice);
        var (_, unseenInvoice) = await host.InvoiceAsync("never-went");
        var (unseenSession, _, _) = await host.SessionAsync("never-went", unseenInvoice);
        var (_, freshInvoice) = await host.InvoiceAsync("still-paying");
        var (freshSession, _, _) = await host.SessionAsync("still-paying", freshInvoice);
        Assert.Equal(HttpStatusCode.OK, (await host.Sandbox.OpenAsync(paidUrl)).Status);
        Assert.Equal(HttpStatusCode.OK, (await host.Sandbox.OpenAsync(openedUrl)).Status);
        await host.Sandbox.DropIpnAsync(paidRef);
        await host.Sandbox.FinishAsync(paidRef, "pay");
        var atBank = await host.Sandbox.RecordedAsync(paidRef);
        Assert.Equal("paid", (string)atBank["state"]!);
        Assert.Equal("dropped", (string)atBank["ipn"]!["state"]!);

        // Paid at the bank, but no IPN: nothing is settled until a reconciliation round asks.
        await Task.Delay(500);
        Assert.Equal(SessionStatus.Pending, (await host.Query(db => db.Sessions.SingleAsync(s => s.Id == paidSession))).Status);
        Assert.Equal(0, await host.PaymentReceivedRows(paidDossier));
        Assert.Equal(0, await ReconcileAsync()); // not expired yet: left alone
        foreach (var session in new[] { paidSession, openedSession, unseenSession })
            await ExpireAsync(session);

        Assert.Equal(3, await ReconcileAsync());
        var again = await ReconcileAsync();

        var sessions = await host.Query(db => db.Sessions.Where(s => new[] { paidSession, openedSession, unseenSession, freshSession }.Contains(s.Id))
            .ToDictionaryAsync(s => s.Id));
        Assert.Equal(SessionStatus.Paid, sessions[paidSession].Status);
        Assert.Equal("reconciliation", sessions[paidSession].SettledBy);
        Assert.Equal((string)atBank["transactionNo"]!, sessions[paidSession].ProviderTransactionNo);
        Assert.Equal(SessionStatus.Expired, sessions[openedSession].Status);
        Assert.Equal(SessionStatus.Expired, sessions[unseenSession].Status);
        Assert.Equal(SessionStatus.Pending, sessions[freshSession].Status);
        var paid = await host.Query(db => db.Invoices.SingleAsync(i => i.Id == paidInvoice));
        Assert.Equal(InvoiceStatus.Paid, paid.Status);
        Assert.Equal(paidSession, paid.PaidSessionId);
        Assert.Equal(InvoiceStatus.Open, (await host.Query(db => db.Invoices.SingleAsync(i => i.Id == openedInvoice))).Status);
        Assert.Equal(1, await host.PaymentReceivedRows(paidDossier));
        var row = await host.Query(db => db.Outbox.SingleAsync(o => o.Id == paidSession));
        Assert.Equal(150_000, (long)JsonNode.Parse(row.Payload)!["amount"]!);
        Assert.Equal(0, again);
        // The IPN arriving after all finds it settled.
        Assert.Equal("02", await IpnCode(new Ipn(paidRef, 150_000).IpnPath()));
        Assert.Equal(1, await host.PaymentReceivedRows(paidDossier));
    }

    [Fact]
    public async Task A_leader_of_the_agency_refunds_a_paid_invoice_through_the_provider_once_and_the_refund_is_audited()
    {
        var (_, invoice, session, txnRef) = await PaidAsync("refunded");
        using var leader = host.Officer(role: "leader");
        using var desk = host.Officer();
        using var otherLeader = host.Officer("000.00.99.H99", "leader");
        using var citizen = host.Citizen("refunded");

        var noReason = await leader.PostAsJsonAsync($"/api/payments/invoices/{invoice}/refund", new { reason = "" });
        Assert.Equal(HttpStatusCode.Forbidden, (await desk.PostAsJsonAsync($"/api/payments/invoices/{invoice}/refund", new { reason = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await citizen.PostAsJsonAsync($"/api/payments/invoices/{invoice}/refund", new { reason = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherLeader.PostAsJsonAsync($"/api/payments/invoices/{invoice}/refund", new { reason = "x" })).StatusCode);
        Assert.Empty((await host.Sandbox.RecordedAsync(txnRef))["refunds"]!.AsArray());
        var refund = await leader.PostAsJsonAsync($"/api/payments/invoices/{invoice}/refund", new { reason = "Thu nhầm lệ phí" });
        var again = await leader.PostAsJsonAsync($"/api/payments/invoices/{invoice}/refund", new { reason = "Thu nhầm lệ phí" });

        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal(HttpStatusCode.OK, refund.StatusCode);
        Assert.Equal("refunded", (string)(await refund.Content.ReadFromJsonAsync<JsonObject>())!["status"]!);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        // The sandbox refunded once (answer 00), the whole amount, of the payment the IPN reported.
        var atBank = await host.Sandbox.RecordedAsync(txnRef);
        var sent = Assert.Single(atBank["refunds"]!.AsArray())!;
        Assert.Equal(15_000_000, (long)sent["amount"]!);
        Assert.Equal("02", (string)sent["transactionType"]!);
        var paid = await host.Query(db => db.Sessions.SingleAsync(s => s.Id == session));
        Assert.Equal((string)atBank["transactionNo"]!, paid.ProviderTransactionNo);
        var refunded = await host.Query(db => db.Invoices.SingleAsync(i => i.Id == invoice));
        Assert.Equal(InvoiceStatus.Refunded, refunded.Status);
        Assert.Equal((string)sent["transactionNo"]!, refunded.RefundTransactionNo);
        var audit = await host.Query(db => db.Set<ServiceDefaults.Audit.AuditEntry>().Where(a => a.Target == $"invoices/{invoice}").ToListAsync());
        Assert.Equal("payment.refund", Assert.Single(audit).Action);
        // The provider itself refuses a second refund of the payment (95): the service did not ask twice, and could not.
        var second = await host.InScope<VnPayClient, VnPayAnswer>(vnpay => vnpay.RefundAsync(paid.TxnRef, paid.Amount, paid.ProviderTransactionNo!,
            paid.CreatedAt, "test", "Hoan tien", CancellationToken.None));
        Assert.Equal("95", second.ResponseCode);
        // Nothing left to pay on a refunded invoice.
        Assert.Equal(HttpStatusCode.Conflict, (await citizen.PostAsJsonAsync($"/api/payments/invoices/{invoice}/sessions", new { })).StatusCode);
    }

    [Fact]
    public async Task A_dossier_ending_without_a_result_gets_its_paid_fee_back_once_and_its_open_invoice_cancelled()
    {
        var (dossier, paidInvoice, _, txnRef) = await PaidAsync("rejected");
        using var workflow = host.Workflow();
        var open = await workflow.PostAsJsonAsync("/api/payments/events", PaymentsHost.Requested(dossier, 50_000));
        Assert.Equal(HttpStatusCode.OK, open.StatusCode);
        var openInvoice = await host.Query(db => db.Invoices.Where(i => i.DossierId == dossier && i.Id != paidInvoice).Select(i => i.Id).SingleAsync());
        var refund = new JsonObject
        {
            ["id"] = Guid.NewGuid(), ["type"] = "RefundRequested.v1", ["occurredAt"] = DateTimeOffset.UtcNow,
            ["payload"] = new JsonObject { ["dossierId"] = dossier, ["code"] = "X", ["reason"] = "Hồ sơ bị từ chối" },
        };
        using var citizen = host.Citizen("rejected");
        using var desk = host.Officer();

        Assert.Equal(HttpStatusCode.OK, (await workflow.PostAsJsonAsync("/api/payments/events", refund)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await workflow.PostAsJsonAsync("/api/payments/events", refund)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await desk.PostAsJsonAsync("/api/payments/events", refund)).StatusCode);
        var refunded = await host.InScope<PublicServices.Payments.Domain.Refunds.Refunder, int>(r => r.RefundRequestedAsync(10, CancellationToken.None));
        var again = await host.InScope<PublicServices.Payments.Domain.Refunds.Refunder, int>(r => r.RefundRequestedAsync(10, CancellationToken.None));

        Assert.Equal((1, 0), (refunded, again));
        var invoices = await host.Query(db => db.Invoices.Where(i => i.DossierId == dossier).ToDictionaryAsync(i => i.Id));
        Assert.Equal(InvoiceStatus.Refunded, invoices[paidInvoice].Status);
        Assert.Equal("svc-workflow", invoices[paidInvoice].RefundedBy);
        Assert.Equal(InvoiceStatus.Cancelled, invoices[openInvoice].Status);
        var sent = Assert.Single((await host.Sandbox.RecordedAsync(txnRef))["refunds"]!.AsArray())!;
        Assert.Equal(15_000_000, (long)sent["amount"]!);
        // A cancelled fee cannot be paid any more, and says so.
        var session = await citizen.PostAsJsonAsync($"/api/payments/invoices/{openInvoice}/sessions", new { });
        Assert.Equal(HttpStatusCode.Conflict, session.StatusCode);
        Assert.Contains("không có kết quả", await session.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_open_invoice_cannot_be_refunded()
    {
        var (_, invoice) = await host.InvoiceAsync("not-yet");
        using var leader = host.Officer(role: "leader");

        var refund = await leader.PostAsJsonAsync($"/api/payments/invoices/{invoice}/refund", new { reason = "x" });

        Assert.Equal(HttpStatusCode.Conflict, refund.StatusCode);
        Assert.Equal(InvoiceStatus.Open, (await host.Query(db => db.Invoices.SingleAsync(i => i.Id == invoice))).Status);
    }

    [Fact]
    public async Task The_receipt_of_a_paid_invoice_is_a_PDF_with_the_amount_for_the_applicant_and_the_agency_only()
    {
        var (_, open) = await host.InvoiceAsync("receipt-holder");
        var (_, invoice, _, _) = await PaidAsync("receipt-holder");
        using var owner = host.Citizen("receipt-holder");
        using var desk = host.Officer();
        using var other = host.Citizen("not-the-holder");
        using var elsewhere = host.Officer("000.00.99.H99");

        var pdf = await owner.GetAsync($"/api/payments/invoices/{invoice}/receipt.pdf");
        var agency = await desk.GetAsync($"/api/payments/invoices/{invoice}/receipt.pdf");

        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        using (var document = PdfDocument.Open(await pdf.Content.ReadAsByteArrayAsync()))
        {
            var text = string.Join(" ", document.GetPages().Select(p => p.Text));
            Assert.Contains("150.000", text, StringComparison.Ordinal);
            Assert.Contains(PaymentsHost.Agency, text, StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.OK, agency.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/payments/invoices/{invoice}/receipt.pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await elsewhere.GetAsync($"/api/payments/invoices/{invoice}/receipt.pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Client().GetAsync($"/api/payments/invoices/{invoice}/receipt.pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await owner.GetAsync($"/api/payments/invoices/{open}/receipt.pdf")).StatusCode);
    }
}
