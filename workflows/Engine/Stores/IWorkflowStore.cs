using Microsoft.EntityFrameworkCore;
using PublicServices.WorkflowEngine.Execution;
using PublicServices.WorkflowEngine.Persistence;

namespace PublicServices.WorkflowEngine.Stores;

/// <summary>
/// Where the runtime keeps instances: one implementation for PostgreSQL (production: plain batches, advisory locks
/// shared by replicas; <see cref="PostgresWorkflowStore"/>) and one portable (EF Core with a lock per process, for
/// the embedded single-process mode on SQLite; <see cref="PortableWorkflowStore"/>). The runtime decides what a burst
/// does; the store only opens, locks, consumes, reads and writes.
/// </summary>
internal interface IWorkflowStore
{
    /// <summary>True when several triggers may share one transaction (group commit): the batch operations of <see cref="IStoreSession"/> work.</summary>
    bool GroupsCommits { get; }

    /// <summary>A session on the scope's DbContext for one or more bursts, one after the other.</summary>
    Task<IStoreSession> OpenSessionAsync(WorkflowDbScope scope, CancellationToken ct);

    /// <summary>Begins a transaction on <paramref name="db"/> holding the lock named <paramref name="key"/> (definitions, seeding).</summary>
    Task<ILockedTransaction> BeginLockedAsync(DbContext db, string key, CancellationToken ct);

    /// <summary>
    /// Holds the lock named <paramref name="key"/> until disposed, for work done on other connections (seeding): every
    /// replica respects it, and it keeps no database lock of its own that this work would wait for.
    /// </summary>
    Task<IAsyncDisposable> HoldLockAsync(DbContext db, string key, CancellationToken ct);

    /// <summary>Leases up to <see cref="WorkflowRuntimeOptions.PollBatchSize"/> due timers (replicas skip each other's).</summary>
    Task<IReadOnlyList<ClaimedTimer>> ClaimTimersAsync(DbContext db, DateTimeOffset now, CancellationToken ct);

    /// <summary>Leases up to <see cref="WorkflowRuntimeOptions.PollBatchSize"/> incidents due for a retry.</summary>
    Task<IReadOnlyList<ClaimedIncident>> ClaimIncidentsAsync(DbContext db, DateTimeOffset now, CancellationToken ct);
}

/// <summary>
/// The transactions of bursts on one DbContext. An opening call begins a transaction that holds the locks of the
/// instances it returns and has consumed their triggers; <see cref="WriteAsync"/> writes the bursts and commits;
/// whatever is not committed is rolled back by <see cref="RollbackAsync"/> or by disposing.
/// </summary>
internal interface IStoreSession : IAsyncDisposable
{
    /// <summary>Locks an instance, deletes its timer <paramref name="timerId"/> if given (no ids back: someone else fired it), and reads it.</summary>
    Task<(IReadOnlyList<Guid> Consumed, WorkflowInstance? Instance)> OpenAsync(Guid instanceId, Guid? timerId, CancellationToken ct);

    /// <summary>
    /// Locks the instances of the tasks (in key order, so two sessions cannot deadlock), completes at most one task per
    /// instance (the first request for it) if it is open or claimed by that officer, and reads each with its instance.
    /// A request not in the answer was not taken: its task was done, claimed by another, unknown, or a second one of an instance.
    /// </summary>
    Task<IReadOnlyList<TaskCompletion>> OpenTaskCompletionsAsync(IReadOnlyList<TaskCompletionInput> requests, DateTimeOffset now, CancellationToken ct);

    /// <summary>
    /// Locks the first instance (by id, after <paramref name="after"/>) with a bookmark for the event, deletes its
    /// bookmarks for the event (the ids deleted are the waits to resume) and reads it.
    /// </summary>
    Task<EventOpening> OpenEventAsync(string name, string correlationId, Guid after, CancellationToken ct);

    /// <summary>
    /// Batches only (<see cref="IWorkflowStore.GroupsCommits"/>): locks every instance waiting for one of the events,
    /// then per instance deletes its bookmarks for the first of the events it has not received yet, and reads it.
    /// </summary>
    Task<EventsOpening> OpenEventsAsync(IReadOnlyList<EventKey> events, CancellationToken ct);

    /// <summary>A task as it is now (what a refused completion is told by), outside any burst.</summary>
    Task<WorkflowTask?> ReadTaskAsync(Guid taskId, CancellationToken ct);

    /// <summary>
    /// Writes the bursts and commits: new instances (<paramref name="newInstances"/>; they need no lock, nobody sees them
    /// before the commit) if every version id in <paramref name="publishedGuards"/> is still the published one, else
    /// those the session has opened. A failed guard throws <see cref="PublishedVersionChangedException"/>.
    /// </summary>
    Task WriteAsync(IReadOnlyList<BurstExecution> bursts, bool newInstances, IReadOnlyCollection<string> publishedGuards, CancellationToken ct);

    /// <summary>Rolls back what the session did since its last commit (disposing does it too).</summary>
    Task RollbackAsync();
}

/// <summary>An officer's completion of a task, as the store writes it.</summary>
internal sealed record TaskCompletionInput(Guid TaskId, string Outcome, string? Comment, IReadOnlyList<string>? Attachments, string ActorId, string ActorName);

/// <summary>An event to deliver: its name, the correlation id it is for, and its id (one delivery per instance).</summary>
internal sealed record EventKey(string Name, string CorrelationId, string EventId);

/// <summary>A task a completion took: the request (its position), the task as completed, its instance.</summary>
internal sealed record TaskCompletion(int Request, WorkflowTask Task, WorkflowInstance Instance);

/// <summary>What the opening of an event delivery found.</summary>
/// <param name="Locked">The instance locked: the first (by id, after the previous one) waiting for the event.</param>
/// <param name="Candidates">How many instances after the previous one waited for it when the session began.</param>
/// <param name="Instance">The instance whose bookmarks were deleted (null when none were: another delivery took them).</param>
/// <param name="Consumed">The bookmarks deleted: the waits to resume.</param>
internal sealed record EventOpening(Guid? Locked, int Candidates, WorkflowInstance? Instance, IReadOnlyList<Guid> Consumed);

/// <summary>One instance a batch of events resumes: the event (its position), the instance, the bookmarks deleted.</summary>
internal sealed record EventResumption(int Event, WorkflowInstance Instance, IReadOnlyList<Guid> Consumed);

/// <summary>What a batch of events found: per event how many instances waited for it, and the resumptions taken.</summary>
internal sealed record EventsOpening(IReadOnlyDictionary<int, int> Matched, IReadOnlyList<EventResumption> Resumptions);

/// <summary>A due timer taken by this process for a while (its lease).</summary>
internal sealed record ClaimedTimer(Guid Id, Guid InstanceId, TimerKind Kind, Guid? TaskId);

/// <summary>A due incident taken by this process for a while.</summary>
internal sealed record ClaimedIncident(Guid Id, Guid InstanceId);

/// <summary>A transaction holding a lock; disposing without commit rolls back and releases.</summary>
internal interface ILockedTransaction : IAsyncDisposable
{
    Task CommitAsync(CancellationToken ct);
}

/// <summary>A start's version stopped being the published one between its lookup and its write (another replica published).</summary>
internal sealed class PublishedVersionChangedException() : Exception("The published version changed while the instance started.");
