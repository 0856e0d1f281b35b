using PublicServices.PaymentSandbox.Protocol;

namespace PublicServices.PaymentSandbox.Transactions;

public enum TransactionState { Pending, Paid, Cancelled, Expired }

/// <summary>Where the IPN of a finished transaction stands.</summary>
public enum IpnState { NotSent, Sending, Delivered, Refused, GaveUp, Dropped }

/// <summary>What the bank decided: the fields the IPN, the return URL and querydr carry.</summary>
public sealed record PaymentResult(
    string ResponseCode, string TransactionStatus, string TransactionNo, string BankCode, string? BankTranNo, string CardType, string PayDate);

public sealed record IpnAttempt(int Number, DateTimeOffset At, int? StatusCode, string? RspCode, string? Message, string? Body, string? Error);

public sealed record RefundRecord(string RequestId, string TransactionType, long Amount, string TransactionNo, string CreateBy, DateTimeOffset At);

/// <summary>
/// One payment, from the page being shown (pending: querydr says 01) to paid, cancelled or expired, with its IPN
/// attempts and refunds. Shared by page, IPN sender and API threads, so every change and read goes through one lock.
/// </summary>
public sealed class Transaction(PayRequest request, string sessionId)
{
    readonly Lock gate = new();
    readonly List<IpnAttempt> attempts = [];
    readonly List<RefundRecord> refunds = [];
    TransactionState state;
    PaymentResult? result;
    bool dropIpn;
    IpnState ipn;

    public PayRequest Request { get; } = request;

    /// <summary>The random id the page's form posts back (the state stays on the server).</summary>
    public string SessionId { get; } = sessionId;

    public TransactionState State { get { lock (gate) return state; } }

    public PaymentResult? Result { get { lock (gate) return result; } }

    /// <summary>Asks that this transaction's IPN be lost; only before it is finished.</summary>
    public bool TryDropIpn()
    {
        lock (gate)
        {
            if (state != TransactionState.Pending) return false;
            dropIpn = true;
            return true;
        }
    }

    /// <summary>Records the outcome once; false when the transaction was already finished.</summary>
    public bool TryFinish(TransactionState outcome, PaymentResult paymentResult, bool merchantDropsIpn)
    {
        lock (gate)
        {
            if (state != TransactionState.Pending) return false;
            state = outcome;
            result = paymentResult;
            ipn = dropIpn || merchantDropsIpn ? IpnState.Dropped : IpnState.Sending;
            return true;
        }
    }

    public bool IpnDropped { get { lock (gate) return ipn == IpnState.Dropped; } }

    /// <summary>The parameters of the IPN and of the return URL (signed by the caller): set once the transaction is finished.</summary>
    public IReadOnlyDictionary<string, string> ResultParameters()
    {
        var r = Result ?? throw new InvalidOperationException("The transaction is not finished.");
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["vnp_Amount"] = Request.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["vnp_BankCode"] = r.BankCode,
            ["vnp_CardType"] = r.CardType,
            ["vnp_OrderInfo"] = Request.OrderInfo,
            ["vnp_PayDate"] = r.PayDate,
            ["vnp_ResponseCode"] = r.ResponseCode,
            ["vnp_TmnCode"] = Request.TmnCode,
            ["vnp_TransactionNo"] = r.TransactionNo,
            ["vnp_TransactionStatus"] = r.TransactionStatus,
            ["vnp_TxnRef"] = Request.TxnRef,
        };
        if (r.BankTranNo is not null) parameters["vnp_BankTranNo"] = r.BankTranNo;
        return parameters;
    }

    public void RecordIpnAttempt(IpnAttempt attempt)
    {
        lock (gate) attempts.Add(attempt);
    }

    public void SetIpnState(IpnState value)
    {
        lock (gate) ipn = value;
    }

    /// <summary>
    /// A refund (amount in VND × 100), full ("02") or partial ("03"), checked against what was paid
    /// and refunded before. Returns VNPay's answer code, the first that applies: 95 not paid or nothing left to refund,
    /// 04 a full refund after a partial one, 02 more than is left, 93 a full refund of less than was paid, else 00.
    /// </summary>
    public string Refund(RefundRecord refund)
    {
        lock (gate)
        {
            var refunded = refunds.Sum(r => r.Amount);
            if (state != TransactionState.Paid || refunded >= Request.Amount) return "95";
            if (refund.TransactionType == "02" && refunded > 0) return "04";
            if (refund.Amount > Request.Amount - refunded) return "02";
            if (refund.TransactionType == "02" && refund.Amount != Request.Amount) return "93";
            refunds.Add(refund);
            return "00";
        }
    }

    /// <summary>A consistent copy for the test controls' JSON.</summary>
    public TransactionView View(string? returnUrl)
    {
        lock (gate)
        {
            return new TransactionView(Request.TmnCode, Request.TxnRef, Request.Amount, Request.OrderInfo, Request.CreateDate, Request.ExpireDate,
                Name(state), result?.ResponseCode, result?.TransactionStatus ?? "01", result?.TransactionNo,
                result?.BankCode, result?.BankTranNo, result?.CardType, result?.PayDate, returnUrl,
                new IpnView(Name(ipn), [.. attempts]), [.. refunds]);
        }
    }

    static string Name<T>(T value) where T : struct, Enum => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());
}

public sealed record TransactionView(
    string TmnCode, string TxnRef, long Amount, string OrderInfo, string CreateDate, string ExpireDate, string State,
    string? ResponseCode, string TransactionStatus, string? TransactionNo, string? BankCode, string? BankTranNo, string? CardType,
    string? PayDate, string? ReturnUrl, IpnView Ipn, IReadOnlyList<RefundRecord> Refunds);

public sealed record IpnView(string State, IReadOnlyList<IpnAttempt> Attempts);
