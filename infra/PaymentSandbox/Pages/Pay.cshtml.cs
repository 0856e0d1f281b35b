using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using PublicServices.PaymentSandbox.Payments;
using PublicServices.PaymentSandbox.Protocol;
using PublicServices.PaymentSandbox.Transactions;

namespace PublicServices.PaymentSandbox.Pages;

/// <summary>
/// VNPay's payment page: GET with the signed pay request shows the order (or why it is refused, with a 4xx); the
/// form posts the session id and the customer's choice back. No antiforgery token: the state stays on the server
/// under an unguessable id, and a test double's form has nothing to protect beyond that.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class PayModel(Checkout checkout, TransactionStore store, IOptionsMonitor<PaymentSandboxOptions> options) : PageModel
{
    public Transaction? Transaction { get; private set; }
    public Refusal? Refusal { get; private set; }

    public string MerchantName => options.CurrentValue.Merchant(Transaction?.Request.TmnCode)?.Name ?? "";

    public IActionResult OnGet()
    {
        (Transaction, Refusal) = checkout.Open(Request.Query);
        return Shown();
    }

    public IActionResult OnPost([FromForm] string? session, [FromForm] string? action, [FromForm] string? bank)
    {
        var transaction = store.BySession(session);
        if (transaction is null)
        {
            Refusal = new Refusal(Refusal.UnknownTransaction, StatusCodes.Status404NotFound);
            return Shown();
        }
        if (action is not ("pay" or "cancel"))
        {
            Refusal = Refusal.BadRequest(Refusal.MissingField, "action");
            return Shown();
        }
        var (returnUrl, refusal) = checkout.Finish(transaction, pay: action == "pay", bank);
        if (returnUrl is not null) return Redirect(returnUrl);
        Refusal = refusal;
        return Shown();
    }

    IActionResult Shown()
    {
        if (Refusal is not null) Response.StatusCode = Refusal.Status;
        // The page shows a payment's details: never kept by a browser or proxy cache.
        Response.Headers.CacheControl = "no-store";
        return Page();
    }
}
