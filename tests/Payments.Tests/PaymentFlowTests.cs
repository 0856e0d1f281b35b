using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using PublicServices.Payments.Data;

namespace PublicServices.Payments.Tests;

/// <summary>Invoices from the workflow's request, sessions, the IPN (the only source of truth) and the browser's return.</summary>
public sealed class PaymentFlowTests(PaymentsHost host) : IClassFixture<PaymentsHost>
{
    static async Task<JsonObject> Json(HttpResponseMessage r) => (await r.Content.ReadFromJsonAsync<JsonObject>())!;

    async Task<string> IpnCode(string path)
    {
        using var anonymous = host.Client();
        var response = await anonymous.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (string)(await Json(response))["RspCode"]!;
    }

    Task<Invoice> InvoiceOf(Guid id) => host.Query(db => db.Invoices.SingleAsync(i => i.Id == id));
    Task<PaymentSession> SessionOf(Guid id) => host.Query(db => db.Sessions.SingleAsync(s => s.Id == id));

    [Fact]
    public async Task A_repeated_PaymentRequested_event_creates_one_invoice()
    {
        var dossier = host.Dossiers.File(PaymentsHost.Agency, "1.001193", "repeat");
        var envelope = PaymentsHost.Requested(dossier, 50_000);
        using var workflow = host.Workflow();

        var first = await workflow.PostAsJsonAsync("/api/payments/events", envelope);
        var again = await workflow.PostAsJsonAsync("/api/payments/events", envelope);
        var batch = await workflow.PostAsJsonAsync("/api/payments/events/batch", new JsonObject { ["events"] = new JsonArray(envelope.DeepClone(), envelope.DeepClone()) });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("created", (string)(await Json(first))["outcome"]!);
        Assert.Equal("duplicate", (string)(await Json(again))["outcome"]!);
        Assert.Equal(HttpStatusCode.OK, batch.StatusCode);
        var invoices = await host.Query(db => db.Invoices.Where(i => i.DossierId == dossier).ToListAsync());
        var invoice = Assert.Single(invoices);
        Assert.Equal(50_000, invoice.Amount);
        Assert.Equal(InvoiceStatus.Open, invoice.Status);
    }

    [Fact]
    public async Task A_PaymentRequested_event_from_anyone_but_the_workflow_or_with_a_bad_amount_is_refused()
    {
        var dossier = host.Dossiers.File(PaymentsHost.Agency, "1.001193", "bad-event");
        using var dossiersService = host.Client(host.Tokens.Service(PaymentsHost.Audience, "svc-dossiers"));
        using var workflow = host.Workflow();

        var wrongSender = await dossiersService.PostAsJsonAsync("/api/payments/events", PaymentsHost.Requested(dossier, 1000));
        var negative = await workflow.PostAsJsonAsync("/api/payments/events", PaymentsHost.Requested(dossier, -5));
        var dollars = await workflow.PostAsJsonAsync("/api/payments/events", PaymentsHost.Requested(dossier, 5, currency: "USD"));

        Assert.Equal(HttpStatusCode.Forbidden, wrongSender.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, negative.StatusCode);
        Assert.NotNull((await Json(negative))["errors"]!["payload.amount"]);
        Assert.Equal(HttpStatusCode.BadRequest, dollars.StatusCode);
        Assert.Equal(0, await host.Query(db => db.Invoices.CountAsync(i => i.DossierId == dossier)));
    }

    [Fact]
    public async Task A_session_is_for_the_applicant_of_the_dossier_only()
    {
        var (_, invoice) = await host.InvoiceAsync("owner");
        using var other = host.Citizen("someone-else");
        using var anonymous = host.Client();
        using var officer = host.Officer();

        var (_, txnRef, url) = await host.SessionAsync("owner", invoice);
        var others = await other.PostAsJsonAsync($"/api/payments/invoices/{invoice}/sessions", new { });
        var nobody = await anonymous.PostAsJsonAsync($"/api/payments/invoices/{invoice}/sessions", new { });
        var desk = await officer.PostAsJsonAsync($"/api/payments/invoices/{invoice}/sessions", new { });

        Assert.Equal(HttpStatusCode.NotFound, others.StatusCode);
        Assert.Equal("application/problem+json", others.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, nobody.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, desk.StatusCode);
        // The pay URL is the provider's, signed as VNPay checks it.
        Assert.StartsWith(host.Sandbox.PayUrl + "?", url, StringComparison.Ordinal);
        var query = url[(url.IndexOf('?', StringComparison.Ordinal) + 1)..];
        var pairs = query.Split('&').Select(kv => kv.Split('=')).ToDictionary(kv => System.Net.WebUtility.UrlDecode(kv[0]), kv => System.Net.WebUtility.UrlDecode(kv[1]));
        Assert.Equal(query, TestSigning.Query(pairs));
        Assert.Equal("15000000", pairs["vnp_Amount"]);
        Assert.Equal(txnRef, pairs["vnp_TxnRef"]);
        Assert.Equal("2.1.0", pairs["vnp_Version"]);
        Assert.Equal("VND", pairs["vnp_CurrCode"]);
        Assert.True(string.CompareOrdinal(pairs["vnp_ExpireDate"], pairs["vnp_CreateDate"]) > 0);
        Assert.Equal("owner", (await InvoiceOf(invoice)).ApplicantId);
    }

    [Theory]
    [InlineData("https://evil.example/steal")]
    [InlineData("//evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("javascript:alert(1)")]
    public async Task A_return_url_outside_the_portal_is_refused_with_a_field_message(string returnUrl)
    {
        var (_, invoice) = await host.InvoiceAsync("redirector");
        using var citizen = host.Citizen("redirector", "en");

        var response = await citizen.PostAsJsonAsync($"/api/payments/invoices/{invoice}/sessions", new { returnUrl });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("path of the portal", (string)(await Json(response))["errors"]!["returnUrl"]![0]!, StringComparison.Ordinal);
        Assert.Equal(0, await host.Query(db => db.Sessions.CountAsync(s => s.InvoiceId == invoice)));
    }

    [Fact]
    public async Task A_valid_IPN_pays_the_invoice_once_and_the_same_IPN_again_changes_nothing()
    {
        var (dossier, invoice) = await host.InvoiceAsync("payer");
        var (session, txnRef, _) = await host.SessionAsync("payer", invoice);
        var ipn = new Ipn(txnRef, 150_000);

        Assert.Equal("00", await IpnCode(ipn.IpnPath()));
        Assert.Equal("02", await IpnCode(ipn.IpnPath()));

        Assert.Equal(InvoiceStatus.Paid, (await InvoiceOf(invoice)).Status);
        Assert.Equal(SessionStatus.Paid, (await SessionOf(session)).Status);
        Assert.Equal(1, await host.PaymentReceivedRows(dossier));
        var row = await host.Query(db => db.Outbox.SingleAsync(o => o.Id == session));
        var payload = JsonNode.Parse(row.Payload)!;
        Assert.Equal(150_000, (long)payload["amount"]!);
        Assert.Equal(dossier, Guid.Parse((string)payload["dossierId"]!));
        Assert.Equal("VND", (string)payload["currency"]!);
    }

    [Fact]
    public async Task A_forged_IPN_is_answered_97_and_changes_nothing()
    {
        var (dossier, invoice) = await host.InvoiceAsync("forged");
        var (session, txnRef, _) = await host.SessionAsync("forged", invoice);

        Assert.Equal("97", await IpnCode(new Ipn(txnRef, 150_000).IpnPath(secret: "not-the-merchant-secret-at-all-0000")));
        // Signed, then altered: the amount no longer matches the signature.
        var tampered = new Ipn(txnRef, 150_000).IpnPath().Replace("vnp_ResponseCode=00", "vnp_ResponseCode=00&vnp_Extra=1", StringComparison.Ordinal);
        Assert.Equal("97", await IpnCode(tampered));
        Assert.Equal("97", await IpnCode($"/api/payments/vnpay/ipn?vnp_TxnRef={txnRef}&vnp_Amount=15000000&vnp_ResponseCode=00&vnp_TransactionStatus=00"));

        Assert.Equal(InvoiceStatus.Open, (await InvoiceOf(invoice)).Status);
        Assert.Equal(SessionStatus.Pending, (await SessionOf(session)).Status);
        Assert.Equal(0, await host.PaymentReceivedRows(dossier));
    }

    [Fact]
    public async Task A_wrong_amount_terminal_or_currency_is_answered_04_and_an_unknown_order_01()
    {
        var (dossier, invoice) = await host.InvoiceAsync("wrong-amount");
        var (session, txnRef, _) = await host.SessionAsync("wrong-amount", invoice);

        Assert.Equal("04", await IpnCode(new Ipn(txnRef, 1_000).IpnPath()));
        Assert.Equal("04", await IpnCode(new Ipn(txnRef, 150_000).With("vnp_TmnCode", "OTHER001").IpnPath()));
        Assert.Equal("04", await IpnCode(new Ipn(txnRef, 150_000).With("vnp_CurrCode", "USD").IpnPath()));
        Assert.Equal("01", await IpnCode(new Ipn(Guid.NewGuid().ToString("N"), 150_000).IpnPath()));

        Assert.Equal(SessionStatus.Pending, (await SessionOf(session)).Status);
        Assert.Equal(InvoiceStatus.Open, (await InvoiceOf(invoice)).Status);
        Assert.Equal(0, await host.PaymentReceivedRows(dossier));
    }

    [Fact]
    public async Task A_failed_payment_marks_the_session_failed_and_leaves_the_invoice_open()
    {
        var (dossier, invoice) = await host.InvoiceAsync("declined");
        var (session, txnRef, _) = await host.SessionAsync("declined", invoice);

        Assert.Equal("00", await IpnCode(new Ipn(txnRef, 150_000, paid: false).IpnPath()));
        Assert.Equal("02", await IpnCode(new Ipn(txnRef, 150_000).IpnPath()));

        Assert.Equal(SessionStatus.Failed, (await SessionOf(session)).Status);
        Assert.Equal(InvoiceStatus.Open, (await InvoiceOf(invoice)).Status);
        Assert.Equal(0, await host.PaymentReceivedRows(dossier));
    }

    [Fact]
    public async Task Concurrent_IPNs_for_one_session_have_one_effect()
    {
        var (dossier, invoice) = await host.InvoiceAsync("racer");
        var (_, txnRef, _) = await host.SessionAsync("racer", invoice);
        var path = new Ipn(txnRef, 150_000).IpnPath();

        var codes = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => IpnCode(path))));

        Assert.Equal(1, codes.Count(c => c == "00"));
        Assert.Equal(15, codes.Count(c => c == "02"));
        Assert.Equal(1, await host.PaymentReceivedRows(dossier));
    }

    [Fact]
    public async Task Two_paid_sessions_of_one_invoice_send_one_PaymentReceived_and_keep_the_second_as_a_duplicate()
    {
        var (dossier, invoice) = await host.InvoiceAsync("twice");
        var (first, firstRef, _) = await host.SessionAsync("twice", invoice);
        var (second, secondRef, _) = await host.SessionAsync("twice", invoice);

        var codes = await Task.WhenAll(IpnCode(new Ipn(firstRef, 150_000).IpnPath()), IpnCode(new Ipn(secondRef, 150_000).IpnPath()));

        Assert.Equal(["00", "00"], codes);
        Assert.Equal(1, await host.PaymentReceivedRows(dossier));
        var statuses = new[] { (await SessionOf(first)).Status, (await SessionOf(second)).Status };
        Assert.Contains(SessionStatus.Paid, statuses);
        Assert.Contains(SessionStatus.Duplicate, statuses);
        var paidBy = (await InvoiceOf(invoice)).PaidSessionId;
        Assert.Equal(statuses[0] == SessionStatus.Paid ? first : second, paidBy);
    }

    [Fact]
    public async Task The_browser_return_never_marks_a_payment_and_shows_paid_only_after_the_IPN()
    {
        var (_, invoice) = await host.InvoiceAsync("returner");
        var (session, txnRef, _) = await host.SessionAsync("returner", invoice, new { returnUrl = "/ho-so/123?tab=fees" });
        using var browser = host.Client();
        var ipn = new Ipn(txnRef, 150_000);

        var before = await browser.GetAsync(ipn.ReturnPath());
        Assert.Equal(HttpStatusCode.Redirect, before.StatusCode);
        Assert.Equal($"/ho-so/123?tab=fees&payment=pending&session={session}", before.Headers.Location!.OriginalString);
        Assert.Equal(InvoiceStatus.Open, (await InvoiceOf(invoice)).Status);
        Assert.Equal(SessionStatus.Pending, (await SessionOf(session)).Status);

        var forged = await browser.GetAsync(ipn.ReturnPath(secret: "not-the-merchant-secret-at-all-0000"));
        Assert.Equal("/?payment=invalid", forged.Headers.Location!.OriginalString);

        Assert.Equal("00", await IpnCode(ipn.IpnPath()));
        var after = await browser.GetAsync(ipn.ReturnPath());
        Assert.Equal($"/ho-so/123?tab=fees&payment=paid&session={session}", after.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task An_expired_session_is_refused_with_a_message_but_a_real_payment_on_it_is_still_recorded()
    {
        var (dossier, invoice) = await host.InvoiceAsync("late");
        var (session, txnRef, _) = await host.SessionAsync("late", invoice);
        await host.Query(db => db.Sessions.Where(s => s.Id == session)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.ExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-1))));
        using var vi = host.Citizen("late");
        using var en = host.Citizen("late", "en");
        using var browser = host.Client();

        var payVi = await vi.GetAsync($"/api/payments/sessions/{session}/pay");
        var payEn = await en.GetAsync($"/api/payments/sessions/{session}/pay");
        var status = await Json(await en.GetAsync($"/api/payments/sessions/{session}"));
        var back = await browser.GetAsync(new Ipn(txnRef, 150_000, paid: false).ReturnPath());

        Assert.Equal(HttpStatusCode.Gone, payVi.StatusCode);
        Assert.Contains("đã hết hạn", (string)(await Json(payVi))["title"]!, StringComparison.Ordinal);
        Assert.Contains("has expired", (string)(await Json(payEn))["title"]!, StringComparison.Ordinal);
        Assert.Equal("expired", (string)status["status"]!);
        Assert.Contains("has expired", (string)status["message"]!, StringComparison.Ordinal);
        Assert.Contains("payment=expired", back.Headers.Location!.OriginalString, StringComparison.Ordinal);

        // The bank took the money after all: it is recorded, never lost.
        Assert.Equal("00", await IpnCode(new Ipn(txnRef, 150_000).IpnPath()));
        Assert.Equal(InvoiceStatus.Paid, (await InvoiceOf(invoice)).Status);
        Assert.Equal(1, await host.PaymentReceivedRows(dossier));
    }

    [Fact]
    public async Task A_session_and_its_status_belong_to_the_applicant_who_started_it()
    {
        var (_, invoice) = await host.InvoiceAsync("poller");
        var (session, _, redirect) = await host.SessionAsync("poller", invoice);
        using var owner = host.Citizen("poller");
        using var other = host.Citizen("not-poller");
        using var officer = host.Officer();

        var mine = await owner.GetAsync($"/api/payments/sessions/{session}");
        var pay = await owner.GetAsync($"/api/payments/sessions/{session}/pay");

        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        Assert.Equal("pending", (string)(await Json(mine))["status"]!);
        Assert.Equal(HttpStatusCode.Redirect, pay.StatusCode);
        Assert.Equal(redirect, pay.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/payments/sessions/{session}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/payments/sessions/{session}/pay")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync($"/api/payments/sessions/{session}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Client().GetAsync($"/api/payments/sessions/{session}")).StatusCode);
    }

    [Fact]
    public async Task Invoices_of_a_dossier_are_listed_to_its_applicant_and_its_agency_only()
    {
        var (dossier, invoice) = await host.InvoiceAsync("lister");
        using var owner = host.Citizen("lister");
        using var other = host.Citizen("not-lister");
        using var desk = host.Officer();
        using var elsewhere = host.Officer("000.00.99.H99");

        var mine = await owner.GetAsync($"/api/payments/invoices?dossierId={dossier}");
        var agency = await desk.GetAsync($"/api/payments/invoices?dossierId={dossier}");

        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        Assert.Equal(invoice, Guid.Parse((string)(await Json(mine))["items"]![0]!["id"]!));
        Assert.Equal(HttpStatusCode.OK, agency.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/payments/invoices?dossierId={dossier}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await elsewhere.GetAsync($"/api/payments/invoices?dossierId={dossier}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Client().GetAsync($"/api/payments/invoices?dossierId={dossier}")).StatusCode);
        var bad = await owner.GetAsync("/api/payments/invoices?dossierId=nope");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.NotNull((await Json(bad))["errors"]!["dossierId"]);
    }
}
