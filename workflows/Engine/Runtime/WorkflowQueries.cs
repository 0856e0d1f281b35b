using Microsoft.EntityFrameworkCore;
using PublicServices.WorkflowEngine.Execution;
using PublicServices.WorkflowEngine.Json;
using PublicServices.WorkflowEngine.Persistence;
using PublicServices.WorkflowEngine.Stores;

namespace PublicServices.WorkflowEngine.Runtime;

/// <summary>Read-only queries for the inbox and for watching instances (no tracking, indexed).</summary>
public sealed class WorkflowQueries
{
    const int MaxPageSize = 200;
    readonly IWorkflowDb databases;
    readonly TimeProvider time;

    internal WorkflowQueries(IWorkflowDb databases, TimeProvider time)
    {
        this.databases = databases;
        this.time = time;
    }

    /// <summary>
    /// Open and claimed tasks of the person's unit and roles, earliest deadline first (tasks without a deadline
    /// last). Each role is read from the inbox index in deadline order and the results merged, so the cost does not
    /// grow with the number of open tasks.
    /// </summary>
    public async Task<InboxPage> InboxAsync(InboxQuery query, CancellationToken ct = default)
    {
        var (page, size) = Paging(query.Page, query.PageSize);
        var roles = query.Roles.Where(r => !string.IsNullOrWhiteSpace(r)).Distinct().ToList();
        if (roles.Count == 0) return new InboxPage([], page, size, false);
        var now = time.GetUtcNow();
        var take = (page - 1) * size + size + 1;

        await using var scope = databases.Open();
        // PostgreSQL sorts NULLs last, as the inbox index does; SQLite sorts them first, so it is told explicitly.
        var nullsFirst = !scope.Db.Database.IsNpgsql();
        IQueryable<WorkflowTask>? merged = null;
        foreach (var role in roles)
        {
            var perRole = ByDeadline(Filter(scope.Db.Set<WorkflowTask>().AsNoTracking(), query, role, now), nullsFirst).Take(take);
            merged = merged is null ? perRole : merged.Concat(perRole);
        }
        var rows = await ByDeadline(merged!, nullsFirst).Skip((page - 1) * size).Take(size + 1).ToListAsync(ct);
        return new InboxPage([.. rows.Take(size).Select(t => TaskView.From(t, now))], page, size, rows.Count > size);
    }

    static IOrderedQueryable<WorkflowTask> ByDeadline(IQueryable<WorkflowTask> tasks, bool nullsFirst) =>
        nullsFirst ? tasks.OrderBy(t => t.DueAt == null).ThenBy(t => t.DueAt).ThenBy(t => t.Id) : tasks.OrderBy(t => t.DueAt).ThenBy(t => t.Id);

    static IQueryable<WorkflowTask> Filter(IQueryable<WorkflowTask> tasks, InboxQuery query, string role, DateTimeOffset now)
    {
        tasks = tasks.Where(t => t.Unit == query.Unit && t.Role == role && t.Status < WorkflowTaskStatus.Completed);
        if (query.Overdue == true) tasks = tasks.Where(t => t.DueAt < now);
        if (query.Overdue == false) tasks = tasks.Where(t => t.DueAt == null || t.DueAt >= now);
        if (query.ClaimedByMe) tasks = tasks.Where(t => t.ClaimedBy == query.ActorId);
        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            var text = query.Text.Trim().ToLowerInvariant();
            // Translated to SQL lower(...) LIKE, which the database does in its own collation: the overloads taking a
            // culture or a StringComparison are not translatable.
#pragma warning disable CA1862, CA1304, CA1311
            tasks = tasks.Where(t => (t.Reference != null && t.Reference.ToLower().Contains(text))
                || t.TitleVi.ToLower().Contains(text) || t.TitleEn.ToLower().Contains(text));
#pragma warning restore CA1862, CA1304, CA1311
        }
        return tasks;
    }

    /// <summary>One task, or null.</summary>
    public async Task<TaskView?> GetTaskAsync(Guid taskId, CancellationToken ct = default)
    {
        await using var scope = databases.Open();
        var task = await scope.Db.Set<WorkflowTask>().AsNoTracking().FirstOrDefaultAsync(t => t.Id == taskId, ct);
        return task is null ? null : TaskView.From(task, time.GetUtcNow());
    }

    /// <summary>Every task of an instance, oldest first.</summary>
    public async Task<IReadOnlyList<TaskView>> TasksOfInstanceAsync(Guid instanceId, CancellationToken ct = default)
    {
        await using var scope = databases.Open();
        var now = time.GetUtcNow();
        var tasks = await scope.Db.Set<WorkflowTask>().AsNoTracking().Where(t => t.InstanceId == instanceId).ToListAsync(ct);
        return [.. tasks.OrderBy(t => t.CreatedAt).ThenBy(t => t.Id).Select(t => TaskView.From(t, now))];
    }

    /// <summary>Instances, newest first, with filters.</summary>
    public async Task<InstancePage> InstancesAsync(InstanceQuery query, CancellationToken ct = default)
    {
        var (page, size) = Paging(query.Page, query.PageSize);
        var now = time.GetUtcNow();
        await using var scope = databases.Open();
        var instances = scope.Db.Set<WorkflowInstance>().AsNoTracking();
        if (query.DefinitionId is not null) instances = instances.Where(i => i.DefinitionId == query.DefinitionId);
        if (query.Status is { } status) instances = instances.Where(i => i.Status == status);
        if (query.CorrelationId is not null) instances = instances.Where(i => i.CorrelationId == query.CorrelationId);
        if (query.Unit is not null) instances = instances.Where(i => i.Unit == query.Unit);
        if (query.Overdue)
            instances = instances.Where(i => i.DueAt < now && (i.Status == WorkflowStatus.Suspended || i.Status == WorkflowStatus.Faulted));
        var rows = await instances.OrderByDescending(i => i.CreatedAt).ThenByDescending(i => i.Id)
            .Skip((page - 1) * size).Take(size + 1).ToListAsync(ct);
        return new InstancePage([.. rows.Take(size).Select(i => View(i, now))], page, size, rows.Count > size);
    }

    /// <summary>One instance, or null.</summary>
    public async Task<InstanceView?> GetInstanceAsync(Guid instanceId, CancellationToken ct = default)
    {
        await using var scope = databases.Open();
        var instance = await scope.Db.Set<WorkflowInstance>().AsNoTracking().FirstOrDefaultAsync(i => i.Id == instanceId, ct);
        return instance is null ? null : View(instance, time.GetUtcNow());
    }

    /// <summary>The journal of an instance in order; empty when the instance does not exist.</summary>
    public async Task<IReadOnlyList<JournalView>> JournalAsync(Guid instanceId, CancellationToken ct = default)
    {
        await using var scope = databases.Open();
        var rows = await scope.Db.Set<JournalEntry>().AsNoTracking().Where(j => j.InstanceId == instanceId).OrderBy(j => j.Seq).ToListAsync(ct);
        return [.. rows.Select(j => new JournalView(j.Seq, j.ActivityId, j.ActivityType, j.Event, j.ActorId, j.ActorName, j.At,
            j.Data is null ? null : WorkflowJson.ParseObject(j.Data)))];
    }

    /// <summary>Incidents, of one instance or of all, open ones only unless <paramref name="includeResolved"/>.</summary>
    public async Task<IReadOnlyList<IncidentView>> IncidentsAsync(Guid? instanceId = null, bool includeResolved = false, CancellationToken ct = default)
    {
        await using var scope = databases.Open();
        var incidents = scope.Db.Set<Incident>().AsNoTracking();
        if (instanceId is { } id) incidents = incidents.Where(i => i.InstanceId == id);
        if (!includeResolved) incidents = incidents.Where(i => i.ResolvedAt == null);
        var rows = await incidents.OrderByDescending(i => i.CreatedAt).Take(MaxPageSize).ToListAsync(ct);
        return [.. rows.Select(i => new IncidentView(i.Id, i.InstanceId, i.ActivityId, i.ActivityType, i.Message, i.Attempts, i.CreatedAt,
            i.LastAttemptAt, i.NextAttemptAt, i.ResolvedAt))];
    }

    static InstanceView View(WorkflowInstance i, DateTimeOffset now)
    {
        var state = i.State is { Length: > 2 } ? WorkflowJson.Read<InstanceState>(i.State) : new InstanceState();
        var running = i.Status is WorkflowStatus.Suspended or WorkflowStatus.Faulted or WorkflowStatus.Running;
        return new InstanceView(i.Id, i.DefinitionId, i.DefinitionVersion, i.DefinitionVersionId, i.Status, i.CorrelationId, i.Reference, i.Unit,
            i.DueAt, running && i.DueAt < now, WorkflowJson.ParseObject(i.Variables), WorkflowJson.ParseObject(i.Properties),
            [.. state.Waits.Select(w => new WaitView(w.ActivityId, w.Kind, w.Id))], state.IncidentId, i.Sequence, i.StartedBy,
            i.CreatedAt, i.UpdatedAt, i.FinishedAt);
    }

    static (int Page, int Size) Paging(int page, int size) => (Math.Max(1, page), Math.Clamp(size, 1, MaxPageSize));
}
