using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using PublicServices.Testing;

namespace PublicServices.PaymentSandbox.Tests;

/// <summary>
/// The merchant's IPN endpoint on a real loopback port: records every IPN exactly as it arrived and answers
/// {"RspCode":…} with the codes scripted for its TxnRef, then 00.
/// </summary>
sealed class MerchantSite : StandInHost
{
    readonly ConcurrentQueue<Ipn> received = new();
    readonly ConcurrentDictionary<string, ConcurrentQueue<string>> scripts = new(StringComparer.Ordinal);

    public string IpnUrl => Address + "/ipn";

    public static async Task<MerchantSite> StartAsync()
    {
        var site = new MerchantSite();
        var app = NewBuilder().Build();
        app.MapGet("/ipn", (HttpRequest request) =>
        {
            var ipn = new Ipn(request.QueryString.Value?.TrimStart('?') ?? "");
            site.received.Enqueue(ipn);
            var code = site.scripts.TryGetValue(ipn.TxnRef, out var script) && script.TryDequeue(out var next) ? next : "00";
            return Results.Text($$"""{"RspCode":"{{code}}","Message":"answer {{code}}"}""", "application/json");
        });
        await site.StartAsync(app);
        return site;
    }

    /// <summary>The next answers to this TxnRef's IPNs, in order (00 once they are used up).</summary>
    public void Answer(string txnRef, params string[] rspCodes) => scripts[txnRef] = new ConcurrentQueue<string>(rspCodes);

    public IReadOnlyList<Ipn> For(string txnRef) => [.. received.Where(i => i.TxnRef == txnRef)];

    /// <summary>This TxnRef's IPNs once there are at least <paramref name="count"/> (fails after 15 s).</summary>
    public async Task<IReadOnlyList<Ipn>> WaitForAsync(string txnRef, int count = 1)
    {
        for (var waited = TimeSpan.Zero; waited < TimeSpan.FromSeconds(15); waited += TimeSpan.FromMilliseconds(50))
        {
            if (For(txnRef) is { } found && found.Count >= count) return found;
            await Task.Delay(50);
        }
        Assert.Fail($"{count} IPN(s) of {txnRef} expected, {For(txnRef).Count} arrived");
        return [];
    }
}

/// <summary>One IPN as received: its raw query and the decoded parameters.</summary>
sealed record Ipn(string RawQuery)
{
    public IReadOnlyDictionary<string, string> Parameters { get; } =
        QueryHelpers.ParseQuery(RawQuery).ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);

    public string TxnRef => Parameters.TryGetValue("vnp_TxnRef", out var value) ? value : "";
}
