using System.Text.Json.Nodes;

namespace PublicServices.WorkflowEngine.Execution;

/// <summary>
/// The part of an instance a module on top of the engine reads and changes during a step: its identity, unit,
/// deadline and properties. Changes are kept only if the step completes, and written in its transaction.
/// Implemented by <see cref="ActivityContext"/> (inside an activity) and <see cref="InstanceUpdate"/> (a host action).
/// </summary>
public interface IInstanceData
{
    /// <summary>The instance id.</summary>
    Guid InstanceId { get; }
    /// <summary>What events are matched to the instance by.</summary>
    string? CorrelationId { get; }
    /// <summary>The reference people know the case by.</summary>
    string? Reference { get; }
    /// <summary>The unit handling the instance now.</summary>
    string? Unit { get; }
    /// <summary>The deadline in force, or null.</summary>
    DateTimeOffset? DueAt { get; }
    /// <summary>The time of this step (one value for all steps of a burst).</summary>
    DateTimeOffset Now { get; }
    /// <summary>Who caused the step.</summary>
    WorkflowActor Actor { get; }

    /// <summary>A property of the instance, or null when unset.</summary>
    JsonNode? GetProperty(string name);
    /// <summary>Sets a property of the instance.</summary>
    void SetProperty(string name, JsonNode? value);
    /// <summary>Moves the instance to another unit: later tasks that name no unit go there.</summary>
    void SetUnit(string unit);
    /// <summary>Sets the deadline in force (null: none).</summary>
    void SetDueAt(DateTimeOffset? dueAt);
}
