using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using PublicServices.Contracts.Events;
using PublicServices.Dossiers.Tests.StandIns;
using PublicServices.Testing;

namespace PublicServices.Dossiers.Tests.Messaging;

/// <summary>The dossiers service with its outbox routed to a stand-in workflow service on real HTTP.</summary>
public class WorkflowDeliveryHost : DossiersHost
{
    public ConsumerStandIn Workflow { get; private set; } = null!;

    /// <summary>Runs once the token issuer exists, so the stand-in validates the tokens the service obtains from it.</summary>
    protected override async Task ConfigureAsync(Dictionary<string, string> settings)
    {
        Workflow = await ConsumerStandIn.StartAsync(Tokens, "workflow");
        settings["services:workflow:http:0"] = Workflow.Address;
        settings["Messaging:PollIntervalMilliseconds"] = "50";
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Workflow.DisposeAsync();
    }
}

public sealed class SqliteWorkflowDeliveryHost : WorkflowDeliveryHost
{
    protected override bool Sqlite => true;
}

/// <summary>Submission and supplement events leave the dossiers service, at least once, with its own service token.</summary>
public abstract class WorkflowDeliveryTests<THost>(THost host) where THost : WorkflowDeliveryHost
{
    [Fact]
    public async Task A_submitted_dossier_and_its_supplement_reach_the_workflow_service()
    {
        const string applicant = "citizen-delivery";
        var dossier = await host.SubmitAsync(applicant);
        var id = Guid.Parse((string)dossier["id"]!);
        await Eventually.HoldsAsync(() => Task.FromResult(host.Workflow.All.Any(d => d.Envelope.Type == DossierSubmittedV1.Type
            && d.Envelope.Payload.GetProperty("dossierId").GetGuid() == id)), "the workflow service receives DossierSubmitted.v1");

        var submitted = host.Workflow.All.Single(d => d.Envelope.Type == DossierSubmittedV1.Type && d.Envelope.Payload.GetProperty("dossierId").GetGuid() == id);
        Assert.Equal("svc-dossiers", submitted.ClientId);
        Assert.Equal((string)dossier["code"]!, submitted.Envelope.Payload.GetProperty("code").GetString());
        Assert.Equal(Procedures.WardAgency, submitted.Envelope.Payload.GetProperty("agencyCode").GetString());
        await Eventually.HoldsAsync(async () => await host.Query(db => db.Outbox.AnyAsync(o => o.Id == submitted.Envelope.Id && o.DispatchedAt != null)),
            "the outbox row is marked dispatched");

        await host.RequestSupplementAsync(id);
        using var owner = host.Citizen(applicant);
        var answer = await (await owner.PostAsJsonAsync($"/api/dossiers/{id}/supplements", new JsonObject { ["note"] = "Giải trình" }))
            .Json(HttpStatusCode.Accepted);
        await Eventually.HoldsAsync(() => Task.FromResult(host.Workflow.All.Any(d => d.Envelope.Type == SupplementSubmittedV1.Type
            && d.Envelope.Payload.GetProperty("dossierId").GetGuid() == id)), "the workflow service receives SupplementSubmitted.v1");
        var supplement = host.Workflow.All.Single(d => d.Envelope.Type == SupplementSubmittedV1.Type && d.Envelope.Payload.GetProperty("dossierId").GetGuid() == id);
        Assert.Equal(Guid.Parse((string)answer["id"]!), supplement.Envelope.Payload.GetProperty("supplementId").GetGuid());
        Assert.Equal("Giải trình", supplement.Envelope.Payload.GetProperty("note").GetString());
    }
}

public sealed class PostgresWorkflowDeliveryTests(WorkflowDeliveryHost host)
    : WorkflowDeliveryTests<WorkflowDeliveryHost>(host), IClassFixture<WorkflowDeliveryHost>;

public sealed class SqliteWorkflowDeliveryTests(SqliteWorkflowDeliveryHost host)
    : WorkflowDeliveryTests<SqliteWorkflowDeliveryHost>(host), IClassFixture<SqliteWorkflowDeliveryHost>;
