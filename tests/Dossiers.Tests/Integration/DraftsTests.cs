using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using PublicServices.Dossiers.Tests.StandIns;

using PublicServices.Testing;

namespace PublicServices.Dossiers.Tests.Integration;

public sealed class DraftsTests(DossiersHost host) : IClassFixture<DossiersHost>
{
    static HttpRequestMessage Put(string id, JsonObject body, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/dossiers/drafts/{id}") { Content = JsonContent.Create(body) };
        if (ifMatch is not null)
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return request;
    }

    async Task<(string Id, HttpResponseMessage Response)> CreateDraft(HttpClient client, SubmissionBuilder submission)
    {
        var body = submission.Build();
        body.Remove("formData");
        body["formData"] = new JsonObject { ["childName"] = submission.Form()["childName"]!.DeepClone() };
        var response = await client.PostAsJsonAsync("/api/dossiers/drafts", body);
        var draft = await response.Json(HttpStatusCode.Created);
        return ((string)draft["id"]!, response);
    }

    [Fact]
    public async Task A_draft_saved_on_one_device_is_resumed_on_another()
    {
        const string applicant = "citizen-draft-devices";
        using var phone = host.Citizen(applicant);
        var (id, created) = await CreateDraft(phone, host.Submission(applicant));
        Assert.Equal("\"1\"", created.Headers.ETag?.ToString());

        using var laptop = host.Citizen(applicant); // another token, the same person
        var response = await laptop.GetAsync($"/api/dossiers/drafts/{id}");
        var draft = await response.Json(HttpStatusCode.OK);
        Assert.Equal("Nguyễn Minh An", (string)draft["formData"]!["childName"]!);
        Assert.Equal(Procedures.BirthRegistrationCode, (string)draft["procedureCode"]!);
        Assert.Single(draft["documents"]!.AsArray());
        Assert.Equal("\"1\"", response.Headers.ETag?.ToString());
        var list = await (await laptop.GetAsync("/api/dossiers/drafts")).Json(HttpStatusCode.OK);
        Assert.Contains(list["items"]!.AsArray(), d => (string)d!["id"]! == id);
    }

    [Fact]
    public async Task A_stale_update_is_refused_instead_of_overwriting_the_other_device()
    {
        const string applicant = "citizen-draft-stale";
        using var phone = host.Citizen(applicant);
        using var laptop = host.Citizen(applicant);
        var (id, _) = await CreateDraft(phone, host.Submission(applicant));

        var fromLaptop = await laptop.SendAsync(Put(id, new JsonObject { ["formData"] = new JsonObject { ["childName"] = "Từ máy tính" } }, "\"1\""));
        var saved = await fromLaptop.Json(HttpStatusCode.OK);
        Assert.Equal(2, (int)saved["version"]!);
        Assert.Equal("\"2\"", fromLaptop.Headers.ETag?.ToString());

        // The phone still holds version 1.
        var stale = await phone.SendAsync(Put(id, new JsonObject { ["formData"] = new JsonObject { ["childName"] = "Từ điện thoại" } }, "\"1\""));
        var problem = await stale.Problem(HttpStatusCode.PreconditionFailed);
        Assert.Equal(2, (int)problem["currentVersion"]!);
        await (await phone.SendAsync(Put(id, new JsonObject { ["formData"] = new JsonObject(), ["version"] = 1 }))).Problem(HttpStatusCode.Conflict);
        await (await phone.SendAsync(Put(id, new JsonObject { ["formData"] = new JsonObject() }))).Problem((HttpStatusCode)428);

        var current = await (await phone.GetAsync($"/api/dossiers/drafts/{id}")).Json(HttpStatusCode.OK);
        Assert.Equal("Từ máy tính", (string)current["formData"]!["childName"]!);
        var next = await (await phone.SendAsync(Put(id, new JsonObject { ["formData"] = new JsonObject { ["childName"] = "Đã hợp nhất" }, ["version"] = 2 }))).Json(HttpStatusCode.OK);
        Assert.Equal(3, (int)next["version"]!);
    }

    [Fact]
    public async Task A_draft_is_deleted_by_its_owner()
    {
        const string applicant = "citizen-draft-delete";
        using var client = host.Citizen(applicant);
        var (id, _) = await CreateDraft(client, host.Submission(applicant));
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/dossiers/drafts/{id}")).StatusCode);
        await (await client.GetAsync($"/api/dossiers/drafts/{id}")).Problem(HttpStatusCode.NotFound);
        await (await client.DeleteAsync($"/api/dossiers/drafts/{id}")).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Only_the_owner_sees_changes_or_deletes_a_draft()
    {
        const string owner = "citizen-draft-owner";
        using var client = host.Citizen(owner);
        var (id, _) = await CreateDraft(client, host.Submission(owner));

        using var stranger = host.Citizen("citizen-draft-stranger");
        await (await stranger.GetAsync($"/api/dossiers/drafts/{id}")).Problem(HttpStatusCode.NotFound);
        await (await stranger.SendAsync(Put(id, new JsonObject { ["formData"] = new JsonObject(), ["version"] = 1 }))).Problem(HttpStatusCode.NotFound);
        await (await stranger.DeleteAsync($"/api/dossiers/drafts/{id}")).Problem(HttpStatusCode.NotFound);
        var list = await (await stranger.GetAsync("/api/dossiers/drafts")).Json(HttpStatusCode.OK);
        Assert.DoesNotContain(list["items"]!.AsArray(), d => (string)d!["id"]! == id);
        using var officer = host.Officer(Procedures.WardAgency);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync($"/api/dossiers/drafts/{id}")).StatusCode);

        var untouched = await (await client.GetAsync($"/api/dossiers/drafts/{id}")).Json(HttpStatusCode.OK);
        Assert.Equal(1, (int)untouched["version"]!);
    }

    [Fact]
    public async Task Submitting_from_a_draft_removes_the_draft()
    {
        const string applicant = "citizen-draft-submit";
        using var client = host.Citizen(applicant);
        var submission = host.Submission(applicant);
        var (id, _) = await CreateDraft(client, submission);
        await (await client.Submit(submission.FromDraft(Guid.Parse(id)))).Json(HttpStatusCode.Created);
        await (await client.GetAsync($"/api/dossiers/drafts/{id}")).Problem(HttpStatusCode.NotFound);

        using var stranger = host.Citizen("citizen-draft-submit-other");
        var theirs = host.Submission("citizen-draft-submit-other").FromDraft(Guid.NewGuid());
        await (await stranger.Submit(theirs)).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Retrying_a_draft_submission_with_its_key_returns_the_dossier_although_the_draft_is_gone()
    {
        const string applicant = "citizen-draft-retry";
        using var client = host.Citizen(applicant);
        var submission = host.Submission(applicant);
        var (id, _) = await CreateDraft(client, submission);
        submission.FromDraft(Guid.Parse(id));
        var first = await (await client.Submit(submission, "draft-retry")).Json(HttpStatusCode.Created);
        var retried = await (await client.Submit(submission, "draft-retry")).Json(HttpStatusCode.OK);
        Assert.Equal((string)first["code"]!, (string)retried["code"]!);
        // Without the key the same request is told the draft is gone.
        await (await client.Submit(submission)).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_draft_submitted_twice_at_once_becomes_one_dossier()
    {
        const string applicant = "citizen-draft-race";
        using var client = host.Citizen(applicant);
        var (id, _) = await CreateDraft(client, host.Submission(applicant));
        var responses = await Task.WhenAll(Enumerable.Range(0, 2).Select(i =>
            client.Submit(host.Submission(applicant).FromDraft(Guid.Parse(id)), idempotencyKey: $"draft-race-{i}")));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.Single(responses, r => r.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.NotFound);
        Assert.Equal(1, await host.Query(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(
            db.Dossiers, d => d.ApplicantId == applicant)));
    }

    [Fact]
    public async Task A_draft_needs_a_procedure_and_an_object_for_its_form()
    {
        using var client = host.Citizen("citizen-draft-invalid");
        var errors = await (await client.PostAsJsonAsync("/api/dossiers/drafts", new JsonObject { ["formData"] = "text" })).FieldErrors();
        Assert.Contains("procedureCode", errors.Keys);
        Assert.Contains("formData", errors.Keys);
    }
}
