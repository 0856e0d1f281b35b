using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace PublicServices.EndToEnd.Tests;

/// <summary>
/// A fee paid through the gateway and the VNPay sandbox, with the callbacks a bank (or an attacker) may send: the
/// standard workflow asks for the judicial record fee when the dossier is submitted, another citizen cannot pay it, a
/// forged IPN is answered 97 and changes nothing, the real one settles it once, and a repeat of it is answered 02
/// with no second effect; then the dossier goes on to the desk by itself.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class PaymentJourneyTests(SystemFixture system)
{
    const string JudicialRecord = "2.000488";
    const string CitizenScope = "openid profile offline_access catalog documents dossiers payments workflow";
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_fee_is_paid_once_whatever_IPNs_arrive_and_nobody_else_can_pay_it()
    {
        using var a = await CitizenAsync();
        using var b = await CitizenAsync();
        var dossierId = await SubmitJudicialRecordAsync(a);

        // The workflow asks for the procedure's fee at submission: status 6 and an open invoice of 200,000 VND.
        var invoice = await Until(async () => (await a.GetFromJsonAsync<JsonObject>($"/api/payments/invoices?dossierId={dossierId}"))!["items"]!
            .AsArray().FirstOrDefault()?.AsObject(), "an invoice");
        Assert.Equal((200_000L, "open"), ((long)invoice["amount"]!, (string?)invoice["status"]));
        await StatusAsync(a, dossierId, 6);
        var invoiceId = (string)invoice["id"]!;

        // Someone else's fee cannot be paid (nor seen).
        using (var refused = await b.PostAsJsonAsync($"/api/payments/invoices/{invoiceId}/sessions", new JsonObject()))
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);

        // The applicant pays at the sandbox; the return address carries the same signed fields as the IPN.
        using var started = await a.PostAsJsonAsync($"/api/payments/invoices/{invoiceId}/sessions", new JsonObject());
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var session = (await started.Content.ReadFromJsonAsync<JsonObject>())!;
        var sessionId = (string)session["sessionId"]!;
        using var bank = new HttpClient { BaseAddress = new Uri($"http://localhost:{SystemFixture.ServiceAddress("web").Port + 80}/") };
        using var paid = await bank.PostAsJsonAsync($"/sandbox/transactions/{Guid.Parse(sessionId):N}/pay",
            new JsonObject { ["paymentUrl"] = (string)session["redirectUrl"]! });
        Assert.True(paid.IsSuccessStatusCode, await paid.Content.ReadAsStringAsync());
        var signed = new Uri((string)(await paid.Content.ReadFromJsonAsync<JsonObject>())!["returnUrl"]!).Query.TrimStart('?');

        // A forged IPN (the amount changed, the signature kept) is refused with 97.
        var forged = signed.Replace("vnp_Amount=20000000", "vnp_Amount=100", StringComparison.Ordinal);
        Assert.NotEqual(signed, forged);
        Assert.Equal("97", await IpnAsync(forged));

        await Until(async () => (string?)(await a.GetFromJsonAsync<JsonObject>($"/api/payments/sessions/{sessionId}"))!["status"] == "paid" ? "" : null,
            "the sandbox's IPN");
        // The same IPN again: already confirmed, nothing more.
        Assert.Equal("02", await IpnAsync(signed));
        Assert.Equal("02", await IpnAsync(signed));

        var invoices = (await a.GetFromJsonAsync<JsonObject>($"/api/payments/invoices?dossierId={dossierId}"))!["items"]!.AsArray();
        Assert.Equal("paid", (string?)Assert.Single(invoices)!["status"]);
        using var admin = await OfficerAsync("admin");
        var instance = Assert.Single((await admin.GetFromJsonAsync<JsonObject>($"/api/workflow/instances?correlationId={dossierId}"))!["items"]!.AsArray())!;
        var journal = (await admin.GetFromJsonAsync<JsonArray>($"/api/workflow/instances/{(string)instance["id"]!}/journal"))!;
        Assert.Single(journal, e => (string?)e!["activityId"] == "pay-at-submission" && (string?)e["event"] == "ActivityResumed");
        // Paid, the dossier is waiting at the centre's one-stop desk.
        using var desk = await OfficerAsync("desk@000.00.12.H10");
        var code = (string)(await a.GetFromJsonAsync<JsonObject>($"/api/dossiers/{dossierId}"))!["code"]!;
        await Until(async () => (await desk.GetFromJsonAsync<JsonObject>($"/api/workflow/tasks?q={Uri.EscapeDataString(code)}"))!["items"]!.AsArray()
            .FirstOrDefault(t => (string?)t!["activityId"] == "receive"), "the desk's task");
    }

    async Task<string> IpnAsync(string query)
    {
        using var anonymous = system.Client();
        return (string)(await anonymous.GetFromJsonAsync<JsonObject>("/api/payments/vnpay/ipn?" + query))!["RspCode"]!;
    }

    async Task<HttpClient> CitizenAsync()
    {
        var http = system.Client();
        var person = await Citizens.RegisterAsync(http);
        http.DefaultRequestHeaders.Authorization = new("Bearer", (await new BrowserLogin(SystemFixture.Gateway).LoginAsync(person.Email, person.Password, CitizenScope)).AccessToken);
        return http;
    }

    Task<HttpClient> OfficerAsync(string userName) => Officers.SignInAsync(system, userName);

    static async Task<string> SubmitJudicialRecordAsync(HttpClient citizen)
    {
        var document = await Documents.UploadAsync(citizen, JudicialRecord, "ban-chup-can-cuoc", Documents.SamplePdf(), "can-cuoc.pdf");
        using var response = await citizen.PostAsJsonAsync("/api/dossiers", new JsonObject
        {
            ["procedureCode"] = JudicialRecord,
            ["formData"] = new JsonObject
            {
                ["fullName"] = "Nguyễn Văn Thử", ["sex"] = "male", ["dateOfBirth"] = "1990-03-15", ["placeOfBirth"] = "Hà Tĩnh",
                ["nationality"] = "Việt Nam", ["idNumber"] = "042090123456", ["permanentAddress"] = "12 Phan Đình Phùng, phường Thành Sen, tỉnh Hà Tĩnh",
                ["phone"] = "0912345678", ["purpose"] = "Bổ sung hồ sơ xin việc", ["certificateType"] = 1, ["copies"] = 1,
            },
            ["documents"] = new JsonArray(new JsonObject { ["requirementCode"] = "ban-chup-can-cuoc", ["documentId"] = (string)document["id"]! }),
        });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return (string)JsonNode.Parse(body)!["id"]!;
    }

    static Task StatusAsync(HttpClient citizen, string dossierId, int status) => Dossiers.WaitForStatusAsync(citizen, dossierId, status);

    /// <summary>Asks until the answer is there (events travel through outboxes), or fails naming what never came.</summary>
    static async Task<T> Until<T>(Func<Task<T?>> ask, string what) where T : class
    {
        var until = DateTime.UtcNow + Patience;
        while (true)
        {
            if (await ask() is { } found) return found;
            Assert.True(DateTime.UtcNow < until, $"{what} never came within {Patience.TotalSeconds} s");
            await Task.Delay(300);
        }
    }
}
