using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PublicServices.PaymentSandbox;
using PublicServices.Testing;

namespace PublicServices.Payments.Tests;

/// <summary>
/// The real VNPay sandbox (infra/PaymentSandbox, its own Program.cs and signing code) on a real Kestrel port: VNPay's
/// stand-in speaks the protocol over HTTP. Merchant <see cref="TestSigning.TmnCode"/> is the payments service under
/// test; <see cref="ForgerTmnCode"/> signs with another secret (its IPNs are forgeries to the service). Both send IPNs
/// to <see cref="IpnUrl"/>'s address, given once the payments service listens (the sandbox reads it per IPN).
/// </summary>
public sealed class VnPaySandbox : IAsyncDisposable
{
    public const string ForgerTmnCode = "FORGER01";
    public const string ForgerSecret = "not-the-merchant-secret-at-all-0000";

    readonly SettingsFactory<PaymentSandboxOptions> host;
    readonly HttpClient client;

    public string Address { get; }
    public string PayUrl => Address + "/paymentv2/vpcpay.html";
    public string ApiUrl => Address + "/merchant_webapi/api/transaction";

    VnPaySandbox(SettingsFactory<PaymentSandboxOptions> host, string address)
    {
        this.host = host;
        Address = address;
        client = KestrelFactories.PlainClient(address);
    }

    public static VnPaySandbox Start()
    {
        // Until the payments service listens, IPNs would go nowhere; IpnUrlAsync points them at it.
        const string nowhere = "http://127.0.0.1:9/api/payments/vnpay/ipn";
        var host = new SettingsFactory<PaymentSandboxOptions>(new Dictionary<string, string?>
        {
            [$"Sandbox:Merchants:{TestSigning.TmnCode}:Name"] = "Payments under test",
            [$"Sandbox:Merchants:{TestSigning.TmnCode}:HashSecret"] = TestSigning.Secret,
            [$"Sandbox:Merchants:{TestSigning.TmnCode}:IpnUrl"] = nowhere,
            [$"Sandbox:Merchants:{ForgerTmnCode}:HashSecret"] = ForgerSecret,
            [$"Sandbox:Merchants:{ForgerTmnCode}:IpnUrl"] = nowhere,
            ["Sandbox:Ipn:Attempts"] = "5",
            ["Sandbox:Ipn:FirstRetryDelay"] = "00:00:00.200",
            ["Sandbox:Ipn:Timeout"] = "00:00:10",
        });
        return new VnPaySandbox(host, host.StartOnLoopback());
    }

    /// <summary>Registers the merchants' IPN URL, as a merchant does at VNPay (the options are read again on reload).</summary>
    public void IpnUrl(string url)
    {
        var configuration = (IConfigurationRoot)host.Services.GetRequiredService<IConfiguration>();
        configuration[$"Sandbox:Merchants:{TestSigning.TmnCode}:IpnUrl"] = url;
        configuration[$"Sandbox:Merchants:{ForgerTmnCode}:IpnUrl"] = url;
        configuration.Reload();
    }

    /// <summary>Opens the pay page as the browser does: the status and the page.</summary>
    public async Task<(HttpStatusCode Status, string Html)> OpenAsync(string redirectUrl)
    {
        Assert.StartsWith(PayUrl + "?", redirectUrl, StringComparison.Ordinal);
        using var page = await client.GetAsync(new Uri(redirectUrl));
        return (page.StatusCode, await page.Content.ReadAsStringAsync());
    }

    /// <summary>The pay or cancel button through the test control: the (signed) return URL the browser is sent to.</summary>
    public async Task<string> FinishAsync(string txnRef, string action, string? paymentUrl = null)
    {
        using var response = await client.PostAsJsonAsync(new Uri($"/sandbox/transactions/{txnRef}/{action}", UriKind.Relative),
            paymentUrl is null ? new JsonObject() : new JsonObject { ["paymentUrl"] = paymentUrl });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{action} {(int)response.StatusCode}: {body}");
        return (string)JsonNode.Parse(body)!["returnUrl"]!;
    }

    public async Task DropIpnAsync(string txnRef)
    {
        using var response = await client.PostAsync(new Uri($"/sandbox/transactions/{txnRef}/drop-ipn", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>What the sandbox recorded for a TxnRef (state, transactionNo, ipn.state and its attempts, refunds).</summary>
    public async Task<JsonObject> RecordedAsync(string txnRef) =>
        (await client.GetFromJsonAsync<JsonObject>(new Uri($"/sandbox/transactions/{txnRef}", UriKind.Relative)))!;

    /// <summary>The recorded transaction once its IPN reached a final state (delivered, refused, gave-up); fails after 20 s.</summary>
    public async Task<JsonObject> IpnFinishedAsync(string txnRef)
    {
        for (var waited = TimeSpan.Zero; waited < TimeSpan.FromSeconds(20); waited += TimeSpan.FromMilliseconds(100))
        {
            var recorded = await RecordedAsync(txnRef);
            if ((string?)recorded["ipn"]?["state"] is "delivered" or "refused" or "gave-up")
                return recorded;
            await Task.Delay(100);
        }
        Assert.Fail($"the IPN of {txnRef} did not finish: {await RecordedAsync(txnRef)}");
        return null!;
    }

    public async ValueTask DisposeAsync()
    {
        client.Dispose();
        await host.DisposeAsync();
    }
}
