using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using PublicServices.Workflows.Definitions;
using PublicServices.Workflows.Persistence;

namespace PublicServices.Workflows.Runtime;

/// <summary>
/// Parsed definition versions by version id. Only published versions run, and a published version never changes,
/// so caching them in each process is safe across replicas.
/// </summary>
internal sealed class DefinitionCache
{
    readonly ConcurrentDictionary<string, WorkflowDefinition> versions = new(StringComparer.Ordinal);

    public async Task<WorkflowDefinition> GetAsync(DbContext db, string versionId, CancellationToken ct)
    {
        if (versions.TryGetValue(versionId, out var cached)) return cached;
        var record = await db.Set<WorkflowDefinitionRecord>().AsNoTracking()
            .Where(d => d.Id == versionId && d.PublishedAt != null).Select(d => new { d.Json }).FirstOrDefaultAsync(ct)
            ?? throw new InvalidOperationException($"Workflow definition version '{versionId}' is missing or was never published.");
        return versions.GetOrAdd(versionId, WorkflowDefinition.Parse(record.Json).Freeze());
    }
}
