using System.Net;
using PublicServices.Dossiers.Tests.Messaging;
using PublicServices.Dossiers.Tests.StandIns;
using PublicServices.Testing;

namespace PublicServices.Dossiers.Tests.Integration;

/// <summary>GET /api/dossiers/internal/{id}: the dossier as it was filed, for the workflow service alone to check a DossierSubmitted against.</summary>
public sealed class InternalApiTests(DossiersHost host) : IClassFixture<DossiersHost>
{
    const string Applicant = "citizen-internal";

    [Fact]
    public async Task The_workflow_service_reads_what_a_dossier_was_filed_with()
    {
        var filed = await host.SubmitAsync(Applicant);
        using var workflow = host.Workflow();

        var dossier = await (await workflow.GetAsync($"/api/dossiers/internal/{filed["id"]}")).Json(HttpStatusCode.OK);

        Assert.Equal((string)filed["id"]!, (string)dossier["id"]!);
        Assert.Equal((string)filed["code"]!, (string)dossier["code"]!);
        Assert.Equal(Procedures.BirthRegistrationCode, (string)dossier["procedureCode"]!);
        Assert.Equal(Procedures.WardAgency, (string)dossier["agencyCode"]!);
        Assert.Equal(Applicant, (string)dossier["applicantId"]!);
        Assert.NotNull(dossier["procedureVersion"]);
        Assert.Equal(3, (int)dossier["statutoryWorkingDays"]!);
        Assert.Equal("birth-registration", (string)dossier["workflowDefinitionId"]!);
        Assert.Equal(1, (int)dossier["status"]!);
        await (await workflow.GetAsync($"/api/dossiers/internal/{Guid.NewGuid()}")).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Nobody_but_the_workflow_service_may_read_it()
    {
        var id = (string)(await host.SubmitAsync(Applicant))["id"]!;
        var path = $"/api/dossiers/internal/{id}";

        using var anonymous = host.Client();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(path)).StatusCode);
        using var owner = host.Citizen(Applicant);
        await (await owner.GetAsync(path)).Problem(HttpStatusCode.Forbidden);
        using var officer = host.Officer(Procedures.WardAgency, "leader");
        await (await officer.GetAsync(path)).Problem(HttpStatusCode.Forbidden);
        using var payments = host.Client(host.Tokens.Service(DossiersHost.Audience, "svc-payments"));
        await (await payments.GetAsync(path)).Problem(HttpStatusCode.Forbidden);
        // The workflow's token for another service is no good here.
        using var elsewhere = host.Client(host.Tokens.Service("documents", "svc-workflow"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await elsewhere.GetAsync(path)).StatusCode);
    }
}
