using System.Net;
using Microsoft.EntityFrameworkCore;
using PublicServices.Dossiers.Domain;

using PublicServices.Testing;

namespace PublicServices.Dossiers.Tests.Integration;

/// <summary>The embedded mode: the same service on SQLite, including the counter statement and time ordering.</summary>
public sealed class SqliteSmokeTests(SqliteDossiersHost host) : IClassFixture<SqliteDossiersHost>
{
    [Fact]
    public async Task The_service_starts_on_SQLite_and_files_looks_up_and_lists_dossiers()
    {
        Assert.True(await host.Query(db => Task.FromResult(db.Database.IsSqlite())));
        const string applicant = "citizen-sqlite";
        var first = await host.SubmitAsync(applicant);
        var second = await host.SubmitAsync(applicant);
        Assert.True(DossierCode.TryParse((string)first["code"]!, out var a));
        Assert.True(DossierCode.TryParse((string)second["code"]!, out var b));
        Assert.Equal(a!.Sequence + 1, b!.Sequence);

        using var client = host.Citizen(applicant);
        var list = await (await client.GetAsync("/api/dossiers")).Json(HttpStatusCode.OK);
        Assert.Equal([(string)second["code"]!, (string)first["code"]!], list["items"]!.AsArray().Select(d => (string)d!["code"]!));
        using var anonymous = host.Client();
        await (await anonymous.GetAsync($"/api/dossiers/lookup/{first["code"]}")).Json(HttpStatusCode.OK);
        var satisfaction = await (await anonymous.GetAsync($"/api/dossiers/satisfaction?agencyCode={first["agencyCode"]}")).Json(HttpStatusCode.OK);
        Assert.Equal(0, (int)satisfaction["lastTwelveMonths"]!["ratings"]!);

        var submission = host.Submission(applicant);
        var once = await client.Submit(submission, "sqlite-key");
        var again = await client.Submit(submission, "sqlite-key");
        Assert.Equal(HttpStatusCode.Created, once.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(await once.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
    }
}
