using System.Text.Json.Nodes;
using PublicServices.OneStop.Tests.Support;
using PublicServices.WorkflowEngine.Persistence;
using PublicServices.WorkflowEngine.Tests.Support;
using static PublicServices.WorkflowEngine.Tests.Support.FlowBuilder;

namespace PublicServices.OneStop.Tests.Dossiers;

/// <summary>On PostgreSQL: a status change the machine refuses, known only when it runs, becomes an incident an administrator sees.</summary>
public class StatusIncidentTests : IAsyncLifetime
{
    WorkflowHost host = null!;

    public async Task InitializeAsync()
    {
        host = await DossierHost.HostAsync("wf_status_incident");
        await host.PublishAsync(new FlowBuilder("scripted").Start().Status("received", 2)
            .Activity("scripted", "PublicServices.SetDossierStatus", ("status", Js("input.status", "Int32"))).End()
            .Chain("start", "received", "scripted", "end").Build());
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task An_illegal_status_from_an_expression_faults_the_instance_with_an_incident_and_reports_nothing_after_the_last_legal_one()
    {
        var id = await host.StartDossierAsync("scripted", input: new JsonObject { ["status"] = 10 });

        var instance = (await host.Queries.GetInstanceAsync(id))!;
        Assert.Equal(WorkflowStatus.Faulted, instance.Status);
        var incident = Assert.Single(await host.Queries.IncidentsAsync(id));
        Assert.Equal(("scripted", "PublicServices.SetDossierStatus"), (incident.ActivityId, incident.ActivityType));
        Assert.Contains("does not allow", incident.Message, StringComparison.Ordinal);
        Assert.Equal([2], await host.StatusesAsync(id));
        Assert.Equal(Contracts.Dossiers.DossierStatus.Received, instance.DossierStatus());
    }

    [Fact]
    public async Task A_legal_status_from_an_expression_is_reported()
    {
        var id = await host.StartDossierAsync("scripted", input: new JsonObject { ["status"] = 4 });

        Assert.Equal(WorkflowStatus.Finished, (await host.Queries.GetInstanceAsync(id))!.Status);
        Assert.Equal([2, 4], await host.StatusesAsync(id));
    }
}
