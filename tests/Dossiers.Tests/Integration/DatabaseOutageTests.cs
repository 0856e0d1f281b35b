using System.Net;
using Microsoft.EntityFrameworkCore;
using PublicServices.Testing;

namespace PublicServices.Dossiers.Tests.Integration;

/// <summary>
/// While the database cannot be reached (PostgreSQL restarting), a submission is answered 503 with Retry-After as
/// problem+json, which tells the client to send it again; once the database is back the same key files it once.
/// </summary>
public sealed class DatabaseOutageTests(DossiersHost host) : IClassFixture<DossiersHost>
{
    [Fact]
    public async Task A_submission_while_the_database_is_unreachable_gets_503_with_Retry_After_and_the_retry_files_it_once()
    {
        const string applicant = "citizen-outage";
        using var client = host.Citizen(applicant, "en");
        var submission = host.Submission(applicant);
        await host.SetDatabaseReachableAsync(false);
        HttpResponseMessage refused;
        try
        {
            refused = await client.Submit(submission, "key-outage");
        }
        finally
        {
            await host.SetDatabaseReachableAsync(true);
        }

        var problem = await refused.Problem(HttpStatusCode.ServiceUnavailable);
        Assert.NotNull(refused.Headers.RetryAfter?.Delta);
        Assert.Contains("try again", (string?)problem["detail"], StringComparison.OrdinalIgnoreCase);
        // Connections the pool still held were cut: a client retries while it is told to.
        var accepted = await client.Submit(submission, "key-outage");
        for (var retry = 0; retry < 5 && accepted.StatusCode == HttpStatusCode.ServiceUnavailable; retry++)
            accepted = await client.Submit(submission, "key-outage");
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        Assert.Equal(1, await host.Query(db => db.Dossiers.CountAsync(d => d.ApplicantId == applicant)));
    }
}
