using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using PublicServices.Dossiers.Tests.StandIns;
using PublicServices.Testing;

namespace PublicServices.Dossiers.Tests.Messaging;

/// <summary>GET /api/dossiers/satisfaction?agencyCode=: each agency's figure from the ratings of its finished dossiers.</summary>
public sealed class SatisfactionTests(DossiersHost host) : IClassFixture<DossiersHost>
{
    /// <summary>A birth registration handled by <paramref name="agency"/>, published at the catalog stand-in.</summary>
    string ProcedureOf(string agency)
    {
        var procedure = Procedures.BirthRegistration();
        var code = "9." + agency.Replace(".", "", StringComparison.Ordinal);
        procedure["code"] = code;
        procedure["agencyCode"] = agency;
        host.Catalog.Publish(procedure);
        return code;
    }

    async Task<Guid> SubmittedAsync(string applicant, string procedure) =>
        Guid.Parse((string)(await host.SubmitAsync(applicant, new SubmissionBuilder().For(procedure)
            .WithDocument(Procedures.BirthCertificate, host.Documents.Upload(applicant, procedureCode: procedure))))["id"]!);

    async Task<Guid> FinishedAsync(string applicant, string procedure)
    {
        var id = await SubmittedAsync(applicant, procedure);
        using var workflow = host.Workflow();
        foreach (var status in new[] { 2, 4, 9, 10 })
            Assert.Equal(HttpStatusCode.OK, (await new StatusChange(id, status).SendAsync(workflow)).StatusCode);
        return id;
    }

    async Task RateAsync(string applicant, Guid dossier, int score, string? comment = null)
    {
        using var client = host.Citizen(applicant);
        await (await client.PostAsJsonAsync($"/api/dossiers/{dossier}/rating", new { score, comment })).Json(HttpStatusCode.OK);
    }

    async Task<JsonObject> FigureAsync(string agency)
    {
        using var anonymous = host.Client();
        return await (await anonymous.GetAsync($"/api/dossiers/satisfaction?agencyCode={agency}")).Json(HttpStatusCode.OK);
    }

    static void AssertFigure(JsonNode? figure, int ratings, decimal? average, int[] distribution)
    {
        Assert.Equal(ratings, (int)figure!["ratings"]!);
        Assert.Equal(average, (decimal?)figure["average"]);
        Assert.Equal(distribution, figure["distribution"]!.AsArray().Select(n => (int)n!));
    }

    [Fact]
    public async Task Each_agency_s_figure_counts_only_the_ratings_of_its_own_finished_dossiers_and_shows_no_comment()
    {
        const string first = "000.31.01.H10", second = "000.31.02.H10";
        var (p1, p2) = (ProcedureOf(first), ProcedureOf(second));
        await RateAsync("sat-citizen-1", await FinishedAsync("sat-citizen-1", p1), 5, "Cán bộ rất tận tình");
        await RateAsync("sat-citizen-2", await FinishedAsync("sat-citizen-2", p1), 4);
        await RateAsync("sat-citizen-3", await FinishedAsync("sat-citizen-3", p1), 4);
        await FinishedAsync("sat-citizen-4", p1); // finished, not rated
        var open = await SubmittedAsync("sat-citizen-4", p1);
        using (var owner = host.Citizen("sat-citizen-4"))
            await (await owner.PostAsJsonAsync($"/api/dossiers/{open}/rating", new { score = 1 })).Problem(HttpStatusCode.Conflict);
        await RateAsync("sat-citizen-5", await FinishedAsync("sat-citizen-5", p2), 2);
        await RateAsync("sat-citizen-1", await FinishedAsync("sat-citizen-1", p2), 3);

        var one = await FigureAsync(first);
        Assert.Equal(first, (string)one["agencyCode"]!);
        AssertFigure(one["allTime"], 3, 4.3m, [0, 0, 0, 2, 1]);
        AssertFigure(one["lastTwelveMonths"], 3, 4.3m, [0, 0, 0, 2, 1]);
        Assert.DoesNotContain("tận tình", one.ToJsonString(), StringComparison.Ordinal);
        AssertFigure((await FigureAsync(second))["allTime"], 2, 2.5m, [0, 1, 1, 0, 0]);
        AssertFigure((await FigureAsync("000.31.03.H10"))["allTime"], 0, null, [0, 0, 0, 0, 0]);
    }

    [Fact]
    public async Task Rating_again_replaces_the_applicant_s_rating_in_the_figure()
    {
        const string agency = "000.32.01.H10";
        var dossier = await FinishedAsync("sat-citizen-6", ProcedureOf(agency));

        await RateAsync("sat-citizen-6", dossier, 1);
        await RateAsync("sat-citizen-6", dossier, 5);

        AssertFigure((await FigureAsync(agency))["allTime"], 1, 5.0m, [0, 0, 0, 0, 1]);
    }

    [Fact]
    public async Task A_figure_without_an_agency_code_is_refused_with_a_field_message()
    {
        using var anonymous = host.Client(language: "en");
        var problem = await (await anonymous.GetAsync("/api/dossiers/satisfaction")).Problem(HttpStatusCode.BadRequest);
        Assert.Contains("agencyCode", (string)problem["errors"]!["agencyCode"]![0]!, StringComparison.Ordinal);
    }
}
