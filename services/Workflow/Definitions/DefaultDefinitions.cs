using Medallion.Threading.Postgres;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PublicServices.Workflow.Data;
using PublicServices.ServiceDefaults;
using PublicServices.WorkflowEngine.Definitions;
using PublicServices.WorkflowEngine.Validation;
using PublicServices.WorkflowEngine.Stores;

namespace PublicServices.Workflow.Definitions;

/// <summary>
/// Installs the shipped definitions (workflows/definitions/*.json, copied next to the binaries) as published
/// versions, each only if its definition id has no version yet: an agency's later edits are never overwritten.
/// </summary>
static class DefaultDefinitions
{
    public static async Task InstallAsync(WorkflowDb db, IServiceProvider services, CancellationToken cancel = default)
    {
        var options = services.GetRequiredService<IOptions<WorkflowServiceOptions>>().Value;
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

        var store = services.GetRequiredService<WorkflowDefinitionStore>();
        if (!db.Database.IsNpgsql())
        {
            await SeedAsync(store, definitions, log, cancel);
            return;
        }
        // Two replicas starting together: the second waits here, then finds every definition installed and skips it.
        await db.Database.OpenConnectionAsync(cancel);
        try
        {
            var gate = new PostgresDistributedLock(new PostgresAdvisoryLockKey("workflow-default-definitions", allowHashing: true),
                db.Database.GetDbConnection());
            await using (await gate.AcquireAsync(TimeSpan.FromMinutes(1), cancel))
                await SeedAsync(store, definitions, log, cancel);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    static async Task SeedAsync(WorkflowDefinitionStore store, List<WorkflowDefinition> definitions, ILogger log, CancellationToken cancel)
    {
        try
        {
            var installed = await store.SeedAsync(definitions, cancel);
            if (installed > 0)
                log.LogInformation("Installed {Count} default workflow definition(s)", installed);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            // Another process installed the same version at the same moment (the unique version index): it won.
        }
    }
}
