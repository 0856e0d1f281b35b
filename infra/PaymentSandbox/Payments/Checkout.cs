using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using PublicServices.PaymentSandbox.Protocol;
using PublicServices.PaymentSandbox.Transactions;

namespace PublicServices.PaymentSandbox.Payments;

/// <summary>
/// The customer's side of a payment, for the page and the test controls alike: open a signed pay request, then pay or
/// cancel it; finishing sends the IPN (unless it is to be lost) and gives the signed return address.
/// </summary>
public sealed class Checkout(TransactionStore store, IpnSender ipn, IOptionsMonitor<PaymentSandboxOptions> options, TimeProvider clock,
    ILogger<Checkout> log)
{
    /// <summary>The banks the page offers when the merchant named none (vnp_BankCode); all pay by domestic ATM card.</summary>
    public static readonly string[] Banks = ["NCB", "VIETCOMBANK", "VIETINBANK", "BIDV", "AGRIBANK", "TECHCOMBANK", "MBBANK"];

    public const string CardType = "ATM";

    public (Transaction? Transaction, Refusal? Refusal) Open(IEnumerable<KeyValuePair<string, StringValues>> query)
    {
        var (request, refusal) = PayRequest.Read(query, options.CurrentValue, clock.GetUtcNow());
        return request is null ? (null, refusal) : store.Open(request);
    }

    /// <summary>
    /// Pays (00/00) or cancels (24/02) a pending transaction; paying after vnp_ExpireDate fails as at VNPay (11/02).
    /// Only a paid transaction gets a vnp_TransactionNo and vnp_BankTranNo: the others carry vnp_TransactionNo 0 and
    /// no vnp_BankTranNo, as VNPay sends them. Returns the address the browser is sent to.
    /// </summary>
    public (string? ReturnUrl, Refusal? Refusal) Finish(Transaction transaction, bool pay, string? chosenBank)
    {
        var now = clock.GetUtcNow();
        var bank = transaction.Request.BankCode ?? (chosenBank is not null && Banks.Contains(chosenBank, StringComparer.Ordinal) ? chosenBank : Banks[0]);
        var payDate = VnpTime.Write(now);
        (TransactionState Outcome, PaymentResult Result) finished;
        if (!pay) finished = (TransactionState.Cancelled, new PaymentResult("24", "02", "0", bank, null, CardType, payDate));
        else if (now >= transaction.Request.ExpiresAt) finished = (TransactionState.Expired, new PaymentResult("11", "02", "0", bank, null, CardType, payDate));
        else
        {
            var number = store.NextNumber();
            finished = (TransactionState.Paid, new PaymentResult("00", "00", number, bank, "VNP" + number, CardType, payDate));
        }
        var merchant = options.CurrentValue.Merchant(transaction.Request.TmnCode);
        if (merchant is null || !transaction.TryFinish(finished.Outcome, finished.Result, merchant.DropIpn))
            return (null, new Refusal(Refusal.AlreadyFinished, StatusCodes.Status409Conflict, transaction.Request.TxnRef));

        if (transaction.IpnDropped)
            log.LogInformation("IPN of {TmnCode}/{TxnRef} dropped on purpose (a lost IPN)", transaction.Request.TmnCode, transaction.Request.TxnRef);
        else ipn.Enqueue(transaction);
        return (ReturnUrl(transaction), null);
    }

    /// <summary>The return address with the signed result, once the transaction is finished.</summary>
    public string? ReturnUrl(Transaction transaction) =>
        transaction.Result is null || options.CurrentValue.Merchant(transaction.Request.TmnCode) is not { } merchant ? null
            : VnpSignature.WithQuery(transaction.Request.ReturnUrl, VnpSignature.SignedQuery(merchant.HashSecret, transaction.ResultParameters()));
}
