using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PublicServices.Contracts.Dossiers;
using PublicServices.OneStop.Dossiers;
using PublicServices.WorkflowEngine.Runtime;
using PublicServices.WorkflowEngine.Tests.Support;

namespace PublicServices.OneStop.Tests.Support;

/// <summary>The engine's test host with the one-stop module, and dossiers started on it.</summary>
public static class DossierHost
{
    /// <summary>A host on a fresh PostgreSQL database with the one-stop module added.</summary>
    public static Task<WorkflowHost> HostAsync(string prefix, Action<IServiceCollection>? configure = null) =>
        WorkflowHost.PostgresAsync(prefix, s =>
        {
            s.AddOneStopWorkflows();
            configure?.Invoke(s);
        });

    /// <summary>Starts an instance for a new dossier of a procedure of <paramref name="statutoryDays"/> working days.</summary>
    public static Task<Guid> StartDossierAsync(this WorkflowHost host, string definitionId, decimal? statutoryDays = 5, JsonObject? input = null) =>
        host.StartAsync(definitionId, input, properties: DossierProperties.Initial(statutoryDays));

    /// <summary>The status the instance last reported (null before any).</summary>
    public static DossierStatus? DossierStatus(this InstanceView instance) => DossierProperties.Status(instance.Properties);

    /// <summary>The dossier statuses in the outbox for an instance, in step order.</summary>
    public static async Task<List<int>> StatusesAsync(this WorkflowHost host, Guid instanceId) =>
        [.. (await host.EffectsAsync(instanceId)).Where(e => e.Type == "DossierStatusChanged.v1").Select(e => (int)JsonNode.Parse(e.Payload)!["status"]!)];
}
