using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PublicServices.Testing;

namespace PublicServices.PaymentSandbox.Tests;

/// <summary>
/// The real sandbox (its Program.cs and appsettings.json) on a real Kestrel port, with two merchants whose IPN URL is a
/// <see cref="MerchantSite"/>: TESTSHOP (IPN sent) and LOSTIPN1 (registered with DropIpn). IPN retries wait 100 ms, doubling.
/// </summary>
public sealed partial class SandboxFixture : IAsyncLifetime
{
    public const string Shop = "TESTSHOP";
    public const string LostIpnShop = "LOSTIPN1";
    public const string ShopSecret = "test-secret-of-TESTSHOP-0123456789";
    public const string LostIpnSecret = "test-secret-of-LOSTIPN1-9876543210";

    SettingsFactory<PaymentSandboxOptions>? host;

    internal MerchantSite Merchant { get; private set; } = null!;
    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Merchant = await MerchantSite.StartAsync();
        host = new SettingsFactory<PaymentSandboxOptions>(new Dictionary<string, string?>
        {
            [$"Sandbox:Merchants:{Shop}:Name"] = "Test shop",
            [$"Sandbox:Merchants:{Shop}:HashSecret"] = ShopSecret,
            [$"Sandbox:Merchants:{Shop}:IpnUrl"] = Merchant.IpnUrl,
            [$"Sandbox:Merchants:{LostIpnShop}:HashSecret"] = LostIpnSecret,
            [$"Sandbox:Merchants:{LostIpnShop}:IpnUrl"] = Merchant.IpnUrl,
            [$"Sandbox:Merchants:{LostIpnShop}:DropIpn"] = "true",
            ["Sandbox:Ipn:Attempts"] = "4",
            ["Sandbox:Ipn:FirstRetryDelay"] = "00:00:00.100",
            ["Sandbox:Ipn:Timeout"] = "00:00:05",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        // A plain client: redirects are looked at, not followed (the return URL belongs to the merchant).
        Client = KestrelFactories.PlainClient(host.StartOnLoopback());
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (host is not null) await host.DisposeAsync();
        await Merchant.DisposeAsync();
    }

    public static string NewTxnRef() => "T" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();

    /// <summary>Opens the payment page of a signed request and returns its session id (the page must show).</summary>
    public async Task<string> OpenAsync(string signedUrl)
    {
        using var page = await Client.GetAsync(new Uri(signedUrl, UriKind.Relative));
        var html = await page.Content.ReadAsStringAsync();
        Assert.True(page.StatusCode == HttpStatusCode.OK, $"page {(int)page.StatusCode}: {html}");
        return SessionField().Match(html) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("no session field: " + html);
    }

    /// <summary>Presses a button of the page's form ("pay" or "cancel"), as a browser posts it.</summary>
    public Task<HttpResponseMessage> PressAsync(string session, string action, string bank = "NCB") =>
        Client.PostAsync(new Uri("/paymentv2/vpcpay.html", UriKind.Relative),
            new FormUrlEncodedContent([new("session", session), new("action", action), new("bank", bank), new("vnp_Locale", "vn")]));

    /// <summary>What the sandbox recorded for a TxnRef (test control).</summary>
    public async Task<JsonObject> RecordedAsync(string txnRef) =>
        await (await Client.GetAsync(new Uri($"/sandbox/transactions/{txnRef}", UriKind.Relative))).Json(HttpStatusCode.OK);

    /// <summary>A paid transaction of TESTSHOP, paid through the test control from its signed URL alone.</summary>
    public async Task<PayUrl> PaidAsync(long vnd = 1_500_000)
    {
        var url = PayUrl.For(Shop, NewTxnRef(), vnd);
        using var paid = await Client.PostAsJsonAsync(new Uri($"/sandbox/transactions/{url.TxnRef}/pay", UriKind.Relative),
            new { paymentUrl = url.SignedWith(ShopSecret) });
        await paid.Json(HttpStatusCode.OK);
        return url;
    }

    /// <summary>Posts a JSON body to the query/refund API and returns its answer's fields (always HTTP 200).</summary>
    public async Task<Dictionary<string, string>> MerchantApiAsync(Dictionary<string, string> body)
    {
        using var response = await Client.PostAsJsonAsync(new Uri("/merchant_webapi/api/transaction", UriKind.Relative), body);
        var json = await response.Json(HttpStatusCode.OK);
        return json.ToDictionary(p => p.Key, p => (string)p.Value!, StringComparer.Ordinal);
    }

    [GeneratedRegex("name=\"session\" value=\"([0-9a-f]+)\"")]
    private static partial Regex SessionField();
}
