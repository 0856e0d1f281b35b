using Microsoft.Extensions.Options;
using PublicServices.WorkflowEngine.Definitions;
using PublicServices.WorkflowEngine.Stores;

namespace PublicServices.Workflow.Data;

/// <summary>
/// Installs the shipped definitions (workflows/definitions/*.json, copied next to the binaries) as published
/// versions, each only if its definition id has no version yet: an agency's later edits are never overwritten. The
/// store installs them under a lock, so replicas starting together install each once.
/// </summary>
static class DefaultDefinitions
{
    public static async Task InstallAsync(IServiceProvider services, CancellationToken cancel = default)
    {
        var options = services.GetRequiredService<IOptions<WorkflowOptions>>().Value;
        var log = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DefaultDefinitions));
        var folder = Path.Combine(AppContext.BaseDirectory, options.DefinitionsPath);
        if (!Directory.Exists(folder))
        {
            log.LogWarning("No default workflow definitions: folder {Folder} does not exist", folder);
            return;
        }
        var definitions = new List<WorkflowDefinition>();
        foreach (var file in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
            definitions.Add(WorkflowDefinition.Parse(await File.ReadAllTextAsync(file, cancel)));
        var installed = await services.GetRequiredService<WorkflowDefinitionStore>().SeedAsync(definitions, cancel);
        if (installed > 0)
            log.LogInformation("Installed {Count} default workflow definition(s)", installed);
    }
}
