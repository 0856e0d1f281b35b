using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using PublicServices.Payments.Data;
using PublicServices.Payments.Domain.Invoices;
using PublicServices.Payments.Providers.VnPay;
using PublicServices.Payments.Resources;
using PublicServices.ServiceDefaults;

namespace PublicServices.Payments.Domain.Sessions;

/// <summary>
/// Starts paying an open invoice: a session with its own order reference and the provider's signed pay URL, valid for
/// Payments:SessionLifetime. Earlier sessions stay payable until they expire; whichever is paid first pays the invoice.
/// </summary>
public sealed class SessionStarter(PaymentsDb db, InvoiceAccess access, VnPayClient vnpay, IOptions<PaymentsOptions> options, TimeProvider clock,
    IStringLocalizer<Messages> text)
{
    public async Task<Results<Created<SessionStarted>, ValidationProblem, ProblemHttpResult>> StartAsync(ClaimsPrincipal user, Guid invoiceId,
        StartSessionRequest? request, HttpContext http, CancellationToken cancel)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var locale = request?.Locale ?? (Thread.CurrentThread.CurrentUICulture.TwoLetterISOLanguageName == "en" ? "en" : "vn");
        if (locale is not ("vn" or "en"))
            errors["locale"] = [text["Session.Locale"]];
        var returnPath = string.IsNullOrEmpty(request?.ReturnUrl) ? options.Value.DefaultReturnPath : request.ReturnUrl;
        if (!ReturnPath.IsValid(returnPath))
            errors["returnUrl"] = [text["Session.ReturnUrl"]];
        if (errors.Count > 0)
            return Problems.Validation(errors);

        var invoice = await db.Invoices.FirstOrDefaultAsync(i => i.Id == invoiceId, cancel);
        if (invoice is null)
            return Problems.NotFound(text["Invoice.NotFound"]);
        if (await access.CheckAsync(user, invoice, cancel) is ProblemHttpResult refused)
            return refused;
        if (invoice.Status != InvoiceStatus.Open)
            return Problems.Problem(StatusCodes.Status409Conflict, text["Session.InvoiceNotOpen"]);

        var now = clock.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        // Whole seconds: the provider's dates have no fraction, and reconciliation sends the creation date back.
        var created = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond));
        var expires = created + options.Value.SessionLifetime;
        var txnRef = id.ToString("N");
        var ip = http.Connection.RemoteIpAddress?.MapToIPv4().ToString() ?? "127.0.0.1";
        var url = vnpay.PayUrl(txnRef, invoice.Amount, OrderInfo(text, invoice), locale, ip, created, expires);
        db.Sessions.Add(new PaymentSession
        {
            Id = id, InvoiceId = invoice.Id, Provider = VnPayClient.Name, TxnRef = txnRef, Amount = invoice.Amount, ApplicantId = user.SubjectId()!,
            Status = SessionStatus.Pending, CreatedAt = created, ExpiresAt = expires, RedirectUrl = url, ReturnPath = returnPath, Locale = locale,
        });
        await db.SaveChangesAsync(cancel);
        return TypedResults.Created($"/api/payments/sessions/{id}", new SessionStarted(id, url, expires));
    }

    /// <summary>What the provider shows and sends back as vnp_OrderInfo: Vietnamese without accents, as VNPay requires.</summary>
    public static string OrderInfo(IStringLocalizer<Messages> text, Invoice invoice) =>
        text.GetString("Provider.OrderInfo", invoice.DossierCode);
}
