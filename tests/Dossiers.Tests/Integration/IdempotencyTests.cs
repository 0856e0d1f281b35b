using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using PublicServices.Dossiers.Domain;

using PublicServices.Testing;

namespace PublicServices.Dossiers.Tests.Integration;

public sealed class IdempotencyTests(DossiersHost host) : IClassFixture<DossiersHost>
{
    [Fact]
    public async Task Submitting_twice_with_the_same_key_returns_one_dossier()
    {
        const string applicant = "citizen-retry";
        using var client = host.Citizen(applicant);
        var submission = host.Submission(applicant);
        var first = await client.Submit(submission, "key-retry-1");
        var second = await client.Submit(submission, "key-retry-1");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal(1, await host.Query(db => db.Dossiers.CountAsync(d => d.ApplicantId == applicant)));
    }

    [Fact]
    public async Task The_same_key_with_a_different_body_is_refused_with_422()
    {
        const string applicant = "citizen-key-reuse";
        using var client = host.Citizen(applicant);
        await (await client.Submit(host.Submission(applicant), "key-reuse")).Json(HttpStatusCode.Created);
        await (await client.Submit(host.Submission(applicant).With("childName", "Trần Văn Khác"), "key-reuse")).Problem(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(1, await host.Query(db => db.Dossiers.CountAsync(d => d.ApplicantId == applicant)));
    }

    [Fact]
    public async Task The_same_key_from_another_applicant_is_another_dossier()
    {
        var a = await SubmitWithKey("citizen-key-a", "shared-key");
        var b = await SubmitWithKey("citizen-key-b", "shared-key");
        Assert.NotEqual((string)a["code"]!, (string)b["code"]!);
    }

    [Fact]
    public async Task Fifty_concurrent_submissions_with_the_same_key_make_one_dossier()
    {
        const string applicant = "citizen-concurrent-key";
        var document = host.Documents.Upload(applicant);
        var submission = new SubmissionBuilder().WithDocument(StandIns.Procedures.BirthCertificate, document);
        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(async _ =>
        {
            using var client = host.Citizen(applicant);
            var response = await client.Submit(submission, "key-concurrent");
            return (response.StatusCode, Body: JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
        }));

        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"{r.StatusCode}: {r.Body}"));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        var code = Assert.Single(responses.Select(r => (string)r.Body["code"]!).Distinct());
        var stored = await host.Query(db => db.Dossiers.Where(d => d.ApplicantId == applicant).ToListAsync());
        Assert.Equal(code, Assert.Single(stored).Code);
        Assert.Equal(1, await host.Query(db => db.Outbox.CountAsync(o => o.Payload.Contains(stored[0].Id.ToString()))));
        // Every attempt attached the document to the same dossier, and the documents service ends with the winner's code.
        Assert.Equal(stored[0].Id, host.Documents.Get(document).DossierId);
        Assert.Equal(code, host.Documents.Get(document).DossierCode);
    }

    [Fact]
    public async Task Two_hundred_concurrent_submissions_get_unique_codes_with_consecutive_numbers()
    {
        var submissions = Enumerable.Range(0, 200).Select(i => (Applicant: $"citizen-burst-{i % 20}", Key: $"burst-{i}")).ToList();
        var bodies = submissions.Select(s => host.Submission(s.Applicant)).ToList();
        var responses = await Task.WhenAll(submissions.Select(async (s, i) =>
        {
            using var client = host.Citizen(s.Applicant);
            return await (await client.Submit(bodies[i], s.Key)).Json(HttpStatusCode.Created);
        }));

        var codes = responses.Select(r => (string)r["code"]!).ToList();
        Assert.Equal(200, codes.Distinct().Count());
        // Grouped by day so that a run across midnight in Vietnam (17:00 UTC) is still judged correctly.
        foreach (var day in codes.Select(c => DossierCode.TryParse(c, out var code) ? code! : throw new FormatException(c)).GroupBy(c => c.Day))
        {
            var numbers = day.Select(c => c.Sequence).Order().ToList();
            Assert.Equal(numbers.Count - 1, numbers[^1] - numbers[0]);
        }
    }

    async Task<JsonObject> SubmitWithKey(string applicant, string key)
    {
        using var client = host.Citizen(applicant);
        return await (await client.Submit(host.Submission(applicant), key)).Json(HttpStatusCode.Created);
    }
}
