using System.Collections.Concurrent;
using System.Security.Cryptography;
using PublicServices.PaymentSandbox.Protocol;

namespace PublicServices.PaymentSandbox.Transactions;

/// <summary>
/// The sandbox's transactions, in this process's memory: the sandbox is a test double that runs as one instance, so
/// the house rule "no shared state in one process's memory" does not apply (README.md). Lost on restart.
/// </summary>
public sealed class TransactionStore
{
    readonly ConcurrentDictionary<(string TmnCode, string TxnRef), Transaction> byReference = new();
    readonly ConcurrentDictionary<string, Transaction> bySession = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<(string TmnCode, string RequestId), DateTimeOffset> requestIds = new();
    long lastNumber = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 100;

    /// <summary>
    /// The pending transaction of a checked pay request: a new one, or the same one when the same signed request is
    /// opened again (a reload). A TxnRef already used with other values, or already finished, is refused (409).
    /// </summary>
    public (Transaction? Transaction, Refusal? Refusal) Open(PayRequest request)
    {
        var candidate = new Transaction(request, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));
        var transaction = byReference.GetOrAdd((request.TmnCode, request.TxnRef), candidate);
        bySession.TryAdd(transaction.SessionId, transaction);
        if (transaction.Request.SignedData != request.SignedData)
            return (null, new Refusal(Refusal.DuplicateTransaction, StatusCodes.Status409Conflict, request.TxnRef));
        if (transaction.State != TransactionState.Pending)
            return (null, new Refusal(Refusal.AlreadyFinished, StatusCodes.Status409Conflict, request.TxnRef));
        return (transaction, null);
    }

    public Transaction? BySession(string? sessionId) =>
        sessionId is not null && bySession.TryGetValue(sessionId, out var transaction) ? transaction : null;

    public Transaction? Find(string tmnCode, string txnRef) => byReference.GetValueOrDefault((tmnCode, txnRef));

    /// <summary>The transactions with this TxnRef, of any merchant (the test controls name only the TxnRef).</summary>
    public IReadOnlyList<Transaction> WithReference(string txnRef) => [.. byReference.Where(e => e.Key.TxnRef == txnRef).Select(e => e.Value)];

    /// <summary>
    /// A number for vnp_TransactionNo: unique in this process, and, started from the clock in tenths of a second, not
    /// reused by a restarted sandbox unless it handed out more than ten a second.
    /// </summary>
    public string NextNumber() => Interlocked.Increment(ref lastNumber).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Claims a vnp_RequestId of the query/refund API; false when the merchant used it within the window.</summary>
    public bool ClaimRequestId(string tmnCode, string requestId, DateTimeOffset now, TimeSpan window)
    {
        while (true)
        {
            if (requestIds.TryAdd((tmnCode, requestId), now)) return true;
            if (!requestIds.TryGetValue((tmnCode, requestId), out var seen)) continue;
            if (now - seen < window) return false;
            if (requestIds.TryUpdate((tmnCode, requestId), now, seen)) return true;
        }
    }
}
