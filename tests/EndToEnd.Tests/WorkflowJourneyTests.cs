using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace PublicServices.EndToEnd.Tests;

/// <summary>
/// A dossier processed by the ward's officers through the standard one-stop workflow, all through the gateway: desk
/// receives, specialist asks for a supplement, the citizen supplies it, specialist appraises, leader approves, the
/// signed result is issued, the citizen downloads it, and only then does the timeline end at "result returned", with
/// every step in the journal.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class WorkflowJourneyTests(SystemFixture system)
{
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_dossier_goes_from_submission_through_a_supplement_to_result_returned_with_a_complete_journal()
    {
        using var citizen = system.Client();
        var person = await Citizens.RegisterAsync(citizen);
        citizen.DefaultRequestHeaders.Authorization = new("Bearer", (await new BrowserLogin(SystemFixture.Gateway).LoginAsync(person.Email, person.Password)).AccessToken);
        var (dossierId, _) = await Dossiers.SubmitBirthRegistrationAsync(citizen);
        var code = (string)(await citizen.GetFromJsonAsync<JsonObject>($"/api/dossiers/{dossierId}"))!["code"]!;

        using var desk = await OfficerAsync("desk@000.20.01.H10");
        using var specialist = await OfficerAsync("specialist@000.20.01.H10");
        using var leader = await OfficerAsync("leader@000.20.01.H10");

        // The one-stop desk receives it.
        await CompleteAsync(desk, await TaskForAsync(desk, code), "accept", "Hồ sơ đầy đủ, tiếp nhận.");
        await StatusAsync(citizen, dossierId, 4);

        // The specialist asks for a supplement: the birth certificate again, with a reason.
        var procedure = (await citizen.GetFromJsonAsync<JsonObject>($"/api/catalog/procedures/{Dossiers.BirthRegistration}"))!;
        var requirement = (string)procedure["requiredDocuments"]!.AsArray().First(r => (bool)r!["mandatory"]!)!["code"]!;
        await CompleteAsync(specialist, await TaskForAsync(specialist, code), "request_supplement", "Giấy chứng sinh bị mờ, đề nghị nộp lại.",
            new JsonObject { ["documents"] = new JsonArray(requirement) });
        var waiting = await StatusAsync(citizen, dossierId, 5);
        Assert.Equal("Giấy chứng sinh bị mờ, đề nghị nộp lại.", (string?)waiting["supplementRequest"]?["reason"]);

        // The citizen supplies it.
        var upload = await Documents.UploadAsync(citizen, Dossiers.BirthRegistration, requirement, Documents.SamplePdf(), "giay-chung-sinh-ro.pdf");
        using (var supplied = await citizen.PostAsJsonAsync($"/api/dossiers/{dossierId}/supplements", new JsonObject
        {
            ["documents"] = new JsonArray(new JsonObject { ["requirementCode"] = requirement, ["documentId"] = (string)upload["id"]! }),
            ["note"] = "Đã nộp lại bản rõ.",
        }))
            Assert.True(supplied.StatusCode == HttpStatusCode.Accepted, await supplied.Content.ReadAsStringAsync());
        await StatusAsync(citizen, dossierId, 4);

        // The specialist appraises, the leader approves, and the result is issued.
        await CompleteAsync(specialist, await TaskForAsync(specialist, code), "propose_approve", "Đủ điều kiện đăng ký khai sinh.");
        await CompleteAsync(leader, await TaskForAsync(leader, code), "approve", "Đồng ý.");
        await StatusAsync(citizen, dossierId, 9);

        // The signed result is offered on the dossier; status 10 waits until the citizen downloads it.
        var result = await ResultAsync(citizen, dossierId);
        Assert.Equal((code, "online"), ((string?)result["code"], (string?)result["deliveryMethod"]));
        Assert.Null(result["downloadedAt"]);
        Assert.Equal(9, (int)(await citizen.GetFromJsonAsync<JsonObject>($"/api/dossiers/{dossierId}"))!["status"]!["code"]!);
        using (var pdf = await citizen.GetAsync($"/api/documents/results/{(string)result["id"]!}/file"))
        {
            Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
            Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
            Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString((await pdf.Content.ReadAsByteArrayAsync())[..5]), StringComparison.Ordinal);
        }
        var done = await StatusAsync(citizen, dossierId, 10);

        // Status changes in order, and the citizen's own supplement between 5 and the next 4.
        var timeline = done["timeline"]!.AsArray().Select(t => ((int)t!["status"]!["code"]!, (string?)t["kind"])).ToList();
        Assert.Equal([(1, null), (2, null), (4, null), (5, null), (5, "supplement-submitted"), (4, null), (9, null), (10, null)], timeline);
        Assert.NotNull((await ResultAsync(citizen, dossierId))["downloadedAt"]);

        // The journal names every officer's step with its actor.
        using var admin = await OfficerAsync("admin");
        var instances = (await admin.GetFromJsonAsync<JsonObject>($"/api/workflow/instances?correlationId={dossierId}"))!["items"]!.AsArray();
        var instance = Assert.Single(instances);
        Assert.Equal("finished", (string?)instance!["status"]);
        var journal = (await admin.GetFromJsonAsync<JsonArray>($"/api/workflow/instances/{(string)instance["id"]!}/journal"))!;
        var actors = journal.Select(e => (string?)e!["actorId"]).Where(a => a is not null).ToHashSet();
        var names = journal.Select(e => (string?)e!["actorName"]).ToList();
        foreach (var step in new[] { "receive", "appraise", "approve", "issue-result", "await-delivery", "result-returned" })
            Assert.Contains(journal, e => (string?)e!["activityId"] == step);
        Assert.True(actors.Count >= 3, $"journal actors: {string.Join(", ", actors)}");
        Assert.DoesNotContain(null, names.Where((_, i) => journal[i]!["actorId"] is not null));
    }

    [Fact]
    public async Task A_result_by_post_is_returned_when_the_desk_records_its_dispatch_and_not_before()
    {
        using var citizen = system.Client();
        var person = await Citizens.RegisterAsync(citizen);
        citizen.DefaultRequestHeaders.Authorization = new("Bearer", (await new BrowserLogin(SystemFixture.Gateway).LoginAsync(person.Email, person.Password)).AccessToken);
        var request = await Dossiers.BirthRegistrationRequestAsync(citizen);
        request["delivery"] = new JsonObject { ["method"] = "post", ["address"] = "Số 1 Phan Đình Phùng, phường Thành Sen, tỉnh Hà Tĩnh" };
        using var submitted = await citizen.PostAsJsonAsync("/api/dossiers", request);
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        var dossierId = (string)(await submitted.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        var code = (string)(await citizen.GetFromJsonAsync<JsonObject>($"/api/dossiers/{dossierId}"))!["code"]!;
        using var desk = await OfficerAsync("desk@000.20.01.H10");
        using var specialist = await OfficerAsync("specialist@000.20.01.H10");
        using var leader = await OfficerAsync("leader@000.20.01.H10");
        await CompleteAsync(desk, await TaskForAsync(desk, code), "accept", "Tiếp nhận.");
        await CompleteAsync(specialist, await TaskForAsync(specialist, code), "propose_approve", "Đủ điều kiện.");
        await CompleteAsync(leader, await TaskForAsync(leader, code), "approve", "Đồng ý.");

        // The result waits for the post: the citizen's download does not return it, the desk's dispatch does.
        var result = await ResultAsync(citizen, dossierId);
        Assert.Equal(("post", "Số 1 Phan Đình Phùng, phường Thành Sen, tỉnh Hà Tĩnh"), ((string?)result["deliveryMethod"], (string?)result["deliveryAddress"]));
        var id = (string)result["id"]!;
        using (var pdf = await citizen.GetAsync($"/api/documents/results/{id}/file"))
            Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Contains((await desk.GetFromJsonAsync<JsonArray>("/api/documents/results/to-post"))!, r => (string?)r!["id"] == id);
        Assert.Equal(HttpStatusCode.Forbidden, (await specialist.PostAsJsonAsync($"/api/documents/results/{id}/dispatch", new { trackingNumber = "EB123456789VN" })).StatusCode);
        await StatusAsync(citizen, dossierId, 9);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(9, (int)(await citizen.GetFromJsonAsync<JsonObject>($"/api/dossiers/{dossierId}"))!["status"]!["code"]!);

        using (var dispatched = await desk.PostAsJsonAsync($"/api/documents/results/{id}/dispatch", new { trackingNumber = "EB123456789VN" }))
            Assert.Equal(HttpStatusCode.OK, dispatched.StatusCode);
        await StatusAsync(citizen, dossierId, 10);
        Assert.Equal("EB123456789VN", (string?)(await ResultAsync(citizen, dossierId))["trackingNumber"]);
    }

    Task<HttpClient> OfficerAsync(string userName) => Officers.SignInAsync(system, userName);

    /// <summary>The officer's open task for the dossier, once the workflow has created it (events travel through outboxes).</summary>
    static async Task<string> TaskForAsync(HttpClient officer, string code)
    {
        var until = DateTime.UtcNow + Patience;
        while (true)
        {
            var page = (await officer.GetFromJsonAsync<JsonObject>($"/api/workflow/tasks?q={Uri.EscapeDataString(code)}"))!;
            if (page["items"]!.AsArray().FirstOrDefault(t => (string?)t!["dossierCode"] == code && (string?)t["status"] is "open" or "claimed") is { } task)
                return (string)task["id"]!;
            Assert.True(DateTime.UtcNow < until, $"no task for {code} in the inbox after {Patience.TotalSeconds} s");
            await Task.Delay(300);
        }
    }

    static async Task CompleteAsync(HttpClient officer, string taskId, string outcome, string comment, JsonObject? data = null)
    {
        using var response = await officer.PostAsJsonAsync($"/api/workflow/tasks/{taskId}/complete",
            new JsonObject { ["outcome"] = outcome, ["comment"] = comment, ["data"] = data });
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{outcome}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        using var again = await officer.PostAsJsonAsync($"/api/workflow/tasks/{taskId}/complete", new JsonObject { ["outcome"] = outcome });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    /// <summary>The dossier's result once the documents service has issued it (it reacts to the workflow's event).</summary>
    static async Task<JsonObject> ResultAsync(HttpClient citizen, string dossierId)
    {
        var until = DateTime.UtcNow + Patience;
        while (true)
        {
            using var response = await citizen.GetAsync($"/api/documents/results?dossierId={dossierId}");
            if (response.StatusCode == HttpStatusCode.OK)
                return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
            Assert.True(response.StatusCode == HttpStatusCode.NotFound && DateTime.UtcNow < until,
                $"no result for {dossierId}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            await Task.Delay(300);
        }
    }

    static Task<JsonObject> StatusAsync(HttpClient citizen, string dossierId, int status) => Dossiers.WaitForStatusAsync(citizen, dossierId, status);
}
