using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using PublicServices.PaymentSandbox.Protocol;
using PublicServices.PaymentSandbox.Transactions;

namespace PublicServices.PaymentSandbox.Payments;

/// <summary>
/// Sends each finished transaction's IPN, server to server: GET &lt;merchant's IPN URL&gt;?&lt;signed result&gt;, the
/// merchant answering {"RspCode":"00","Message":"…"}. Tries again with a doubling wait until the merchant gives a
/// final answer: 00 (confirmed) or 02 (already confirmed) end it as delivered; 01 (order not found), 04 (wrong
/// amount) and 97 (bad signature) are final too and logged as refused; anything else (99, an HTTP error, a timeout,
/// no JSON) is tried again, up to Sandbox:Ipn:Attempts. Every try and answer is recorded on the transaction.
/// </summary>
public sealed class IpnSender(IHttpClientFactory clients, IOptionsMonitor<PaymentSandboxOptions> options, TimeProvider clock, ILogger<IpnSender> log)
    : BackgroundService
{
    public const string ClientName = "ipn";
    const int KeptBodyLength = 500;

    readonly Channel<Transaction> queue = Channel.CreateUnbounded<Transaction>();

    public void Enqueue(Transaction transaction) => queue.Writer.TryWrite(transaction);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Each IPN runs on its own, so one slow merchant does not hold up the others.
        var running = new List<Task>();
        try
        {
            await foreach (var transaction in queue.Reader.ReadAllAsync(stoppingToken))
            {
                running.RemoveAll(t => t.IsCompleted);
                running.Add(Task.Run(() => DeliverAsync(transaction, stoppingToken), CancellationToken.None));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
        await Task.WhenAll(running);
    }

    async Task DeliverAsync(Transaction transaction, CancellationToken stopping)
    {
        var settings = options.CurrentValue;
        var (tmnCode, txnRef) = (transaction.Request.TmnCode, transaction.Request.TxnRef);
        if (settings.Merchant(tmnCode) is not { } merchant) return;
        var url = VnpSignature.WithQuery(merchant.IpnUrl, VnpSignature.SignedQuery(merchant.HashSecret, transaction.ResultParameters()));
        try
        {
            for (var number = 1; number <= settings.Ipn.Attempts; number++)
            {
                if (number > 1) await Task.Delay(settings.Ipn.DelayBefore(number), clock, stopping);
                var attempt = await TryAsync(url, number, settings.Ipn.Timeout, stopping);
                transaction.RecordIpnAttempt(attempt);
                if (attempt.RspCode is "00" or "02")
                {
                    transaction.SetIpnState(IpnState.Delivered);
                    log.LogInformation("IPN of {TmnCode}/{TxnRef} confirmed by the merchant (RspCode {RspCode}) at try {Number}", tmnCode, txnRef, attempt.RspCode, number);
                    return;
                }
                if (attempt.RspCode is "01" or "04" or "97")
                {
                    transaction.SetIpnState(IpnState.Refused);
                    log.LogWarning("IPN of {TmnCode}/{TxnRef} refused by the merchant: RspCode {RspCode} {Message}", tmnCode, txnRef, attempt.RspCode, attempt.Message);
                    return;
                }
                log.LogInformation("IPN of {TmnCode}/{TxnRef} try {Number} not confirmed: HTTP {Status} RspCode {RspCode} {Error}",
                    tmnCode, txnRef, number, attempt.StatusCode, attempt.RspCode, attempt.Error);
            }
            transaction.SetIpnState(IpnState.GaveUp);
            log.LogWarning("IPN of {TmnCode}/{TxnRef} given up after {Attempts} tries", tmnCode, txnRef, settings.Ipn.Attempts);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested) { }
    }

    async Task<IpnAttempt> TryAsync(string url, int number, TimeSpan timeout, CancellationToken stopping)
    {
        var at = clock.GetUtcNow();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        deadline.CancelAfter(timeout);
        try
        {
            using var response = await clients.CreateClient(ClientName).GetAsync(new Uri(url), deadline.Token);
            var body = await response.Content.ReadAsStringAsync(deadline.Token);
            var kept = body.Length > KeptBodyLength ? body[..KeptBodyLength] : body;
            if (!response.IsSuccessStatusCode) return new IpnAttempt(number, at, (int)response.StatusCode, null, null, kept, "HTTP error status");
            var (rspCode, message) = ReadAnswer(body);
            return new IpnAttempt(number, at, (int)response.StatusCode, rspCode, message, kept, rspCode is null ? "no RspCode in the answer" : null);
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            return new IpnAttempt(number, at, null, null, null, null, $"no answer within {timeout}");
        }
        catch (HttpRequestException e)
        {
            return new IpnAttempt(number, at, null, null, null, null, e.Message);
        }
    }

    /// <summary>RspCode and Message of the merchant's JSON answer (names matched exactly first, then ignoring case).</summary>
    static (string? RspCode, string? Message) ReadAnswer(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind != JsonValueKind.Object) return (null, null);
            string? Read(string name) =>
                (json.RootElement.TryGetProperty(name, out var exact) ? exact
                    : json.RootElement.EnumerateObject().FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)).Value) is
                    { ValueKind: JsonValueKind.String } value ? value.GetString() : null;
            return (Read("RspCode"), Read("Message"));
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }
}
