using System.Text.Json.Nodes;
using PublicServices.WorkflowEngine.Execution;
using PublicServices.WorkflowEngine.Persistence;

namespace PublicServices.WorkflowEngine.Runtime;

/// <summary>Starts an instance of a published definition.</summary>
/// <param name="DefinitionId">The definition (its published version, unless <see cref="Version"/> is given).</param>
/// <param name="CorrelationId">What events are matched to the instance by (e.g. the case's id).</param>
/// <param name="Actor">Who starts it.</param>
public sealed record StartWorkflowRequest(string DefinitionId, string? CorrelationId, WorkflowActor Actor)
{
    /// <summary>A version that is or was published; null = the published one.</summary>
    public int? Version { get; init; }
    /// <summary>Idempotency: becomes the instance id, so a repeated start returns the first instance.</summary>
    public Guid? StartId { get; init; }
    /// <summary>The unit handling the case first: human tasks that name no unit go there.</summary>
    public string? Unit { get; init; }
    /// <summary>The reference people know the case by (shown in inboxes, searched).</summary>
    public string? Reference { get; init; }
    /// <summary>The start input (scripts read it as <c>input</c>), e.g. the event that started it.</summary>
    public JsonObject? Input { get; init; }
    /// <summary>The instance's first properties (a module's data, see <see cref="IInstanceData"/>).</summary>
    public JsonObject? Properties { get; init; }
}

/// <summary>What <see cref="WorkflowRuntime.StartAsync"/> did.</summary>
public sealed record StartResult(StartStatus Status, Guid? InstanceId = null, WorkflowStatus? InstanceStatus = null, int? Version = null);

/// <summary>Outcome of a start.</summary>
public enum StartStatus { Started, AlreadyStarted, DefinitionNotFound, VersionNotFound }

/// <summary>Completes a human task with one of its outcomes.</summary>
public sealed record CompleteTaskRequest(Guid TaskId, string Outcome, WorkflowActor Actor)
{
    public string? Comment { get; init; }
    /// <summary>Document ids attached by the officer.</summary>
    public IReadOnlyList<string>? Attachments { get; init; }
    /// <summary>Extra structured input for later steps (<c>lastTask.data</c>), e.g. <c>{"documents": [...]}</c> for a supplement request.</summary>
    public JsonObject? Data { get; init; }
}

/// <summary>What a task action did.</summary>
public sealed record TaskActionResult(TaskActionStatus Status, Guid? InstanceId = null, WorkflowStatus? InstanceStatus = null);

/// <summary>Outcome of a task action (complete, claim, release).</summary>
public enum TaskActionStatus
{
    Completed,
    Claimed,
    Released,
    NotFound,
    /// <summary>The task belongs to another unit or role.</summary>
    Forbidden,
    /// <summary>The outcome is not one of the task's outcomes.</summary>
    InvalidOutcome,
    /// <summary>The task was already completed or cancelled.</summary>
    AlreadyCompleted,
    /// <summary>Another officer has claimed the task.</summary>
    ClaimedByOther,
    /// <summary>Release by someone who has not claimed the task.</summary>
    NotClaimed,
}

/// <summary>Delivers a named event to the instances waiting for it with this correlation id.</summary>
/// <param name="EventId">The event's id: a redelivery with the same id resumes nothing.</param>
public sealed record DeliverEventRequest(string Name, string CorrelationId, string EventId)
{
    public JsonObject? Payload { get; init; }
    /// <summary>Who caused it (journal); the system when null.</summary>
    public WorkflowActor? Actor { get; init; }
}

/// <summary>How many waiting activities the event resumed, and how many instances had already received it.</summary>
public sealed record DeliverEventResult(int Resumed, int Duplicates);

/// <summary>What an instance action (cancel, retry, a host's update) did.</summary>
public sealed record InstanceActionResult(InstanceActionStatus Status, WorkflowStatus? InstanceStatus = null);

/// <summary>Outcome of an instance action.</summary>
public enum InstanceActionStatus
{
    Done,
    NotFound,
    /// <summary>The instance has already finished or was cancelled.</summary>
    AlreadyEnded,
    /// <summary>Retry: the instance has no open incident.</summary>
    NoIncident,
    /// <summary>A host's update declined to change anything.</summary>
    Declined,
}
