using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using PublicServices.Payments.Data;
using PublicServices.Payments.Domain.Reconciliation;
using UglyToad.PdfPig;

namespace PublicServices.Payments.Tests;

/// <summary>Reconciliation with the provider's query API, refunds through its refund API, and the e-receipt.</summary>
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

    async Task<(Guid Dossier, Guid Invoice, Guid Session)> PaidAsync(string applicant)
    {
        var (dossier, invoice) = await host.InvoiceAsync(applicant);
        var (session, txnRef, _) = await host.SessionAsync(applicant, invoice);
        Assert.Equal("00", await IpnCode(new Ipn(txnRef, 150_000).IpnPath()));
        return (dossier, invoice, session);
    }

    [Fact]
    public async Task Reconciliation_settles_a_paid_session_whose_IPN_never_came_and_expires_an_unpaid_one()
    {
        var (paidDossier, paidInvoice) = await host.InvoiceAsync("quiet-bank");
        var (paidSession, paidRef, _) = await host.SessionAsync("quiet-bank", paidInvoice);
        var (_, unpaidInvoice) = await host.InvoiceAsync("walked-away");
        var (unpaidSession, _, _) = await host.SessionAsync("walked-away", unpaidInvoice);
        var (_, freshInvoice) = await host.InvoiceAsync("still-paying");
        var (freshSession, _, _) = await host.SessionAsync("still-paying", freshInvoice);
        host.VnPay.Paid[paidRef] = (15_000_000, "14000001");
        await ExpireAsync(paidSession);
        await ExpireAsync(unpaidSession);

        await ReconcileAsync();
        var again = await ReconcileAsync();

        var sessions = await host.Query(db => db.Sessions.Where(s => s.Id == paidSession || s.Id == unpaidSession || s.Id == freshSession).ToDictionaryAsync(s => s.Id));
        Assert.Equal(SessionStatus.Paid, sessions[paidSession].Status);
        Assert.Equal("reconciliation", sessions[paidSession].SettledBy);
        Assert.Equal("14000001", sessions[paidSession].ProviderTransactionNo);
        Assert.Equal(SessionStatus.Expired, sessions[unpaidSession].Status);
        Assert.Equal(SessionStatus.Pending, sessions[freshSession].Status);
        Assert.Equal(InvoiceStatus.Paid, (await host.Query(db => db.Invoices.SingleAsync(i => i.Id == paidInvoice))).Status);
        Assert.Equal(InvoiceStatus.Open, (await host.Query(db => db.Invoices.SingleAsync(i => i.Id == unpaidInvoice))).Status);
        Assert.Equal(1, await host.PaymentReceivedRows(paidDossier));
        Assert.Equal(0, again);
        Assert.Equal(0, host.VnPay.BadSignatures);
        // The IPN arriving after all finds it settled.
        Assert.Equal("02", await IpnCode(new Ipn(paidRef, 150_000).IpnPath()));
        Assert.Equal(1, await host.PaymentReceivedRows(paidDossier));
    }

    [Fact]
    public async Task A_leader_of_the_agency_refunds_a_paid_invoice_once_and_the_refund_is_audited()
    {
        var (_, invoice, session) = await PaidAsync("refunded");
        using var leader = host.Officer(role: "leader");
        using var desk = host.Officer();
        using var otherLeader = host.Officer("000.00.99.H99", "leader");
        using var citizen = host.Citizen("refunded");
        var before = host.VnPay.Refunds.Count;

        var noReason = await leader.PostAsJsonAsync($"/api/payments/invoices/{invoice}/refund", new { reason = "" });
        Assert.Equal(HttpStatusCode.Forbidden, (await desk.PostAsJsonAsync($"/api/payments/invoices/{invoice}/refund", new { reason = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await citizen.PostAsJsonAsync($"/api/payments/invoices/{invoice}/refund", new { reason = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherLeader.PostAsJsonAsync($"/api/payments/invoices/{invoice}/refund", new { reason = "x" })).StatusCode);
        var refund = await leader.PostAsJsonAsync($"/api/payments/invoices/{invoice}/refund", new { reason = "Thu nhầm lệ phí" });
        var again = await leader.PostAsJsonAsync($"/api/payments/invoices/{invoice}/refund", new { reason = "Thu nhầm lệ phí" });

        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal(HttpStatusCode.OK, refund.StatusCode);
        Assert.Equal("refunded", (string)(await refund.Content.ReadFromJsonAsync<JsonObject>())!["status"]!);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(before + 1, host.VnPay.Refunds.Count);
        var sent = host.VnPay.Refunds.Last();
        var paid = await host.Query(db => db.Sessions.SingleAsync(s => s.Id == session));
        Assert.Equal(paid.TxnRef, (string)sent["vnp_TxnRef"]!);
        Assert.Equal("15000000", (string)sent["vnp_Amount"]!);
        Assert.Equal(paid.ProviderTransactionNo, (string)sent["vnp_TransactionNo"]!);
        Assert.Equal(InvoiceStatus.Refunded, (await host.Query(db => db.Invoices.SingleAsync(i => i.Id == invoice))).Status);
        var audit = await host.Query(db => db.Set<ServiceDefaults.Audit.AuditEntry>().Where(a => a.Target == $"invoices/{invoice}").ToListAsync());
        Assert.Equal("payment.refund", Assert.Single(audit).Action);
        // Nothing left to pay on a refunded invoice.
        Assert.Equal(HttpStatusCode.Conflict, (await citizen.PostAsJsonAsync($"/api/payments/invoices/{invoice}/sessions", new { })).StatusCode);
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
        var (_, invoice, _) = await PaidAsync("receipt-holder");
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
