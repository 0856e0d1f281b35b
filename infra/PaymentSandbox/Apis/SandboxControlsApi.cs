using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using PublicServices.PaymentSandbox.Payments;
using PublicServices.PaymentSandbox.Protocol;
using PublicServices.PaymentSandbox.Resources;
using PublicServices.PaymentSandbox.Transactions;

namespace PublicServices.PaymentSandbox.Apis;

/// <summary>
/// Test controls, for the test double only (VNPay has nothing like them): drive a payment without a browser and read
/// what the sandbox recorded. A TxnRef is looked up across merchants; ?tmnCode= picks one when two merchants share it.
/// </summary>
public static class SandboxControlsApi
{
    /// <summary>Optional body of pay and cancel: the full signed pay URL (or its query), opened as the page would be.</summary>
    public sealed record ControlRequest(string? PaymentUrl, string? BankCode);

    public sealed record Finished(string ReturnUrl, TransactionView Transaction);

    public static IEndpointRouteBuilder MapSandboxControls(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/sandbox/transactions").AllowAnonymous().DisableAntiforgery();
        group.MapGet("/{txnRef}", Get);
        group.MapPost("/{txnRef}/pay", (string txnRef, string? tmnCode, ControlRequest? body, Checkout checkout, TransactionStore store, IStringLocalizer<Messages> text) =>
            Finish(txnRef, tmnCode, body, pay: true, checkout, store, text));
        group.MapPost("/{txnRef}/cancel", (string txnRef, string? tmnCode, ControlRequest? body, Checkout checkout, TransactionStore store, IStringLocalizer<Messages> text) =>
            Finish(txnRef, tmnCode, body, pay: false, checkout, store, text));
        group.MapPost("/{txnRef}/drop-ipn", DropIpn);
        return app;
    }

    static Results<Ok<TransactionView>, ProblemHttpResult> Get(string txnRef, string? tmnCode, Checkout checkout, TransactionStore store, IStringLocalizer<Messages> text)
    {
        var (transaction, refusal) = Resolve(store, txnRef, tmnCode);
        return transaction is null ? Problem(refusal!, text) : TypedResults.Ok(transaction.View(checkout.ReturnUrl(transaction)));
    }

    static Results<Ok<TransactionView>, ProblemHttpResult> DropIpn(string txnRef, string? tmnCode, TransactionStore store, IStringLocalizer<Messages> text)
    {
        var (transaction, refusal) = Resolve(store, txnRef, tmnCode);
        if (transaction is null) return Problem(refusal!, text);
        if (!transaction.TryDropIpn()) return Problem(new Refusal(Refusal.AlreadyFinished, StatusCodes.Status409Conflict, txnRef), text);
        return TypedResults.Ok(transaction.View(null));
    }

    static Results<Ok<Finished>, ProblemHttpResult> Finish(
        string txnRef, string? tmnCode, ControlRequest? body, bool pay, Checkout checkout, TransactionStore store, IStringLocalizer<Messages> text)
    {
        Transaction? transaction;
        Refusal? refusal;
        if (body?.PaymentUrl is { Length: > 0 } url)
        {
            var query = QueryHelpers.ParseQuery(url.Contains('?', StringComparison.Ordinal) ? url[url.IndexOf('?', StringComparison.Ordinal)..] : url);
            // Checked before opening, so a mistaken call creates nothing.
            if (query.TryGetValue("vnp_TxnRef", out var reference) && reference.ToString() != txnRef)
                return Problem(Refusal.BadRequest(Refusal.ReferenceMismatch, reference.ToString()), text);
            (transaction, refusal) = checkout.Open(query);
        }
        else (transaction, refusal) = Resolve(store, txnRef, tmnCode);
        if (transaction is null) return Problem(refusal!, text);

        (var returnUrl, refusal) = checkout.Finish(transaction, pay, body?.BankCode);
        return returnUrl is null ? Problem(refusal!, text) : TypedResults.Ok(new Finished(returnUrl, transaction.View(returnUrl)));
    }

    static (Transaction? Transaction, Refusal? Refusal) Resolve(TransactionStore store, string txnRef, string? tmnCode)
    {
        IReadOnlyList<Transaction> found = tmnCode is null ? store.WithReference(txnRef) : store.Find(tmnCode, txnRef) is { } one ? [one] : [];
        return found.Count switch
        {
            0 => (null, new Refusal(Refusal.UnknownTransaction, StatusCodes.Status404NotFound, txnRef)),
            1 => (found[0], null),
            _ => (null, new Refusal(Refusal.AmbiguousTransaction, StatusCodes.Status409Conflict, txnRef)),
        };
    }

    static ProblemHttpResult Problem(Refusal refusal, IStringLocalizer<Messages> text) =>
        TypedResults.Problem(statusCode: refusal.Status, title: text[refusal.TextKey, refusal.Argument],
            extensions: new Dictionary<string, object?>(StringComparer.Ordinal) { ["code"] = refusal.Code });
}
