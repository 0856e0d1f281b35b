using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using PublicServices.WorkflowEngine.Definitions;
using PublicServices.WorkflowEngine.Persistence;
using PublicServices.WorkflowEngine.Stores;

namespace PublicServices.WorkflowEngine.Runtime;

/// <summary>
/// Parsed definition versions by version id. Only published versions run, and a published version never changes,
/// so caching them in each process is safe across replicas.
/// </summary>
internal sealed class DefinitionCache
{
    readonly ConcurrentDictionary<string, WorkflowDefinition> versions = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<(string DefinitionId, int? Version), (string Id, int Version)> starts = new();

    /// <summary>
    /// The version a start of <paramref name="definitionId"/> runs on, as last looked up in this process. A given
    /// published version stays what it is; the published one (<paramref name="version"/> null) may change in another
    /// replica, so a start on it checks in its own write that it still is (<see cref="IStoreSession.WriteAsync"/>).
    /// </summary>
    public bool TryGetStart(string definitionId, int? version, out (string Id, int Version) found) =>
        starts.TryGetValue((definitionId, version), out found);

    public void RememberStart(string definitionId, int? version, (string Id, int Version) found) => starts[(definitionId, version)] = found;

    public void ForgetStart(string definitionId, int? version) => starts.TryRemove((definitionId, version), out _);

    public async Task<WorkflowDefinition> GetAsync(DbContext db, string versionId, CancellationToken ct)
    {
        if (versions.TryGetValue(versionId, out var cached)) return cached;
        var record = await db.Set<WorkflowDefinitionRecord>().AsNoTracking()
            .Where(d => d.Id == versionId && d.PublishedAt != null).Select(d => new { d.Json }).FirstOrDefaultAsync(ct)
            ?? throw new InvalidOperationException($"Workflow definition version '{versionId}' is missing or was never published.");
        return versions.GetOrAdd(versionId, WorkflowDefinition.Parse(record.Json).Freeze());
    }
}
