using Microsoft.EntityFrameworkCore;
using PublicServices.WorkflowEngine.Definitions;
using PublicServices.WorkflowEngine.Persistence;
using PublicServices.WorkflowEngine.Validation;

namespace PublicServices.WorkflowEngine.Stores;

/// <summary>A stored version, without its JSON.</summary>
public sealed record DefinitionSummary(string Id, string DefinitionId, int Version, string? Name, string? Description, bool IsLatest,
    bool IsPublished, DateTimeOffset? PublishedAt, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>What a publish did: the published definition, or why it was refused (nothing changed then).</summary>
public sealed record PublishResult(PublishStatus Status, WorkflowDefinition? Definition = null, IReadOnlyList<ValidationProblem>? Problems = null);

/// <summary>Outcome of a publish.</summary>
public enum PublishStatus { Published, NotFound, Invalid }

/// <summary>
/// Definition versions, Elsa-style: the newest version is a draft until published; publishing makes it the
/// version new instances start on (the previous one stays runnable for instances already on it); editing a
/// published definition creates a new draft version. Published versions never change.
/// </summary>
public sealed class WorkflowDefinitionStore
{
    readonly IWorkflowDb databases;
    readonly IWorkflowStore store;
    readonly WorkflowValidator validator;
    readonly TimeProvider time;

    internal WorkflowDefinitionStore(IWorkflowDb databases, IWorkflowStore store, WorkflowValidator validator, TimeProvider time)
    {
        this.databases = databases;
        this.store = store;
        this.validator = validator;
        this.time = time;
    }

    /// <summary>
    /// Saves a draft: replaces the latest version if it was never published, else adds a new version. The JSON is
    /// stored as given (unknown properties kept) with <c>id</c>, <c>version</c>, <c>isLatest</c> and
    /// <c>isPublished</c> set. Returns the stored definition.
    /// </summary>
    public async Task<WorkflowDefinition> SaveDraftAsync(WorkflowDefinition definition, CancellationToken ct = default)
    {
        var draft = definition.Clone();
        if (string.IsNullOrWhiteSpace(draft.DefinitionId)) draft.DefinitionId = Guid.NewGuid().ToString("N");
        await using var scope = databases.Open();
        var db = scope.Db;
        await using var transaction = await store.BeginLockedAsync(db, Key(draft.DefinitionId), ct);
        var versions = db.Set<WorkflowDefinitionRecord>();
        var latest = await versions.Where(d => d.DefinitionId == draft.DefinitionId).OrderByDescending(d => d.Version).FirstOrDefaultAsync(ct);
        var now = time.GetUtcNow();
        WorkflowDefinitionRecord record;
        if (latest is { PublishedAt: null })
            record = latest;
        else
        {
            if (latest is not null)
            {
                latest.IsLatest = false;
                latest.Json = Flags(latest.Json, isLatest: false, latest.IsPublished);
            }
            record = new WorkflowDefinitionRecord
            {
                Id = Guid.NewGuid().ToString("N"), DefinitionId = draft.DefinitionId, Version = (latest?.Version ?? 0) + 1, CreatedAt = now,
            };
            versions.Add(record);
        }
        draft.Id = record.Id;
        draft.Version = record.Version;
        draft.IsLatest = true;
        draft.IsPublished = false;
        record.IsLatest = true;
        record.IsPublished = false;
        record.Name = draft.Name;
        record.Description = draft.Description;
        record.UpdatedAt = now;
        record.Json = draft.ToJson();
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return draft;
    }

    /// <summary>
    /// Publishes the latest version after validating it. An invalid definition is refused with its problems and
    /// nothing changes; publishing an already published latest version returns it unchanged.
    /// </summary>
    public async Task<PublishResult> PublishAsync(string definitionId, CancellationToken ct = default)
    {
        await using var scope = databases.Open();
        var db = scope.Db;
        await using var transaction = await store.BeginLockedAsync(db, Key(definitionId), ct);
        var versions = await db.Set<WorkflowDefinitionRecord>().Where(d => d.DefinitionId == definitionId).ToListAsync(ct);
        var latest = versions.MaxBy(d => d.Version);
        if (latest is null) return new PublishResult(PublishStatus.NotFound);
        var definition = WorkflowDefinition.Parse(latest.Json);
        if (latest.IsPublished) return new PublishResult(PublishStatus.Published, definition);
        var problems = validator.Validate(definition);
        if (problems.Count > 0) return new PublishResult(PublishStatus.Invalid, definition, problems);

        var now = time.GetUtcNow();
        foreach (var other in versions.Where(v => v.IsPublished && v != latest))
        {
            other.IsPublished = false;
            other.Json = Flags(other.Json, isLatest: other.IsLatest, isPublished: false);
        }
        definition.IsPublished = true;
        definition.IsLatest = true;
        latest.IsPublished = true;
        latest.PublishedAt ??= now;
        latest.UpdatedAt = now;
        latest.Json = definition.ToJson();
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new PublishResult(PublishStatus.Published, definition);
    }

    /// <summary>Unpublishes the published version: no new instances start; running ones go on. False when none was published.</summary>
    public async Task<bool> RetractAsync(string definitionId, CancellationToken ct = default)
    {
        await using var scope = databases.Open();
        var db = scope.Db;
        await using var transaction = await store.BeginLockedAsync(db, Key(definitionId), ct);
        var published = await db.Set<WorkflowDefinitionRecord>().Where(d => d.DefinitionId == definitionId && d.IsPublished).ToListAsync(ct);
        if (published.Count == 0) return false;
        foreach (var p in published)
        {
            p.IsPublished = false;
            p.UpdatedAt = time.GetUtcNow();
            p.Json = Flags(p.Json, p.IsLatest, false);
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>A version (the latest when <paramref name="version"/> is null), or null.</summary>
    public async Task<WorkflowDefinition?> GetAsync(string definitionId, int? version = null, CancellationToken ct = default)
    {
        await using var scope = databases.Open();
        var query = scope.Db.Set<WorkflowDefinitionRecord>().AsNoTracking().Where(d => d.DefinitionId == definitionId);
        query = version is { } v ? query.Where(d => d.Version == v) : query.Where(d => d.IsLatest);
        var json = await query.Select(d => d.Json).FirstOrDefaultAsync(ct);
        return json is null ? null : WorkflowDefinition.Parse(json);
    }

    /// <summary>The published version, or null.</summary>
    public async Task<WorkflowDefinition?> GetPublishedAsync(string definitionId, CancellationToken ct = default)
    {
        await using var scope = databases.Open();
        var json = await scope.Db.Set<WorkflowDefinitionRecord>().AsNoTracking()
            .Where(d => d.DefinitionId == definitionId && d.IsPublished).Select(d => d.Json).FirstOrDefaultAsync(ct);
        return json is null ? null : WorkflowDefinition.Parse(json);
    }

    /// <summary>The latest version of every definition.</summary>
    public async Task<IReadOnlyList<DefinitionSummary>> ListAsync(CancellationToken ct = default)
    {
        await using var scope = databases.Open();
        return await Summaries(scope.Db.Set<WorkflowDefinitionRecord>().AsNoTracking().Where(d => d.IsLatest).OrderBy(d => d.DefinitionId))
            .ToListAsync(ct);
    }

    /// <summary>Every version of a definition, newest first.</summary>
    public async Task<IReadOnlyList<DefinitionSummary>> VersionsAsync(string definitionId, CancellationToken ct = default)
    {
        await using var scope = databases.Open();
        return await Summaries(scope.Db.Set<WorkflowDefinitionRecord>().AsNoTracking().Where(d => d.DefinitionId == definitionId)
            .OrderByDescending(d => d.Version)).ToListAsync(ct);
    }

    /// <summary>
    /// Installs default definitions (e.g. <c>workflows/definitions/*.json</c>): each one whose definitionId has no
    /// version yet is saved and published, under one lock, so replicas starting together install each once and an
    /// host's later edits are never overwritten. Returns how many were installed; an invalid one throws.
    /// </summary>
    public async Task<int> SeedAsync(IEnumerable<WorkflowDefinition> definitions, CancellationToken ct = default)
    {
        var installed = 0;
        // The gate's connection only holds the lock: the work below runs on connections of its own.
        await using var gateScope = databases.Open();
        await using var gate = await store.HoldLockAsync(gateScope.Db, "wf-seed", ct);
        foreach (var definition in definitions)
        {
            await using (var scope = databases.Open())
                if (await scope.Db.Set<WorkflowDefinitionRecord>().AnyAsync(d => d.DefinitionId == definition.DefinitionId, ct))
                    continue;
            await SaveDraftAsync(definition, ct);
            var result = await PublishAsync(definition.DefinitionId, ct);
            if (result.Status != PublishStatus.Published)
                throw new InvalidOperationException($"Default workflow '{definition.DefinitionId}' is invalid: "
                    + string.Join(" ", result.Problems ?? []));
            installed++;
        }
        return installed;
    }

    static IQueryable<DefinitionSummary> Summaries(IQueryable<WorkflowDefinitionRecord> records) =>
        records.Select(d => new DefinitionSummary(d.Id, d.DefinitionId, d.Version, d.Name, d.Description, d.IsLatest, d.IsPublished,
            d.PublishedAt, d.CreatedAt, d.UpdatedAt));

    // The stored JSON mirrors the flags, so an export always tells the truth about the version.
    static string Flags(string json, bool isLatest, bool isPublished)
    {
        var definition = WorkflowDefinition.Parse(json);
        definition.IsLatest = isLatest;
        definition.IsPublished = isPublished;
        return definition.ToJson();
    }

    static string Key(string definitionId) => "wf-definition:" + definitionId;
}
