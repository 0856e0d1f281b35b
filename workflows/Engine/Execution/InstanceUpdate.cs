using System.Text.Json.Nodes;
using PublicServices.WorkflowEngine.Persistence;

namespace PublicServices.WorkflowEngine.Execution;

/// <summary>
/// An instance as a host action sees it, in a burst of its own under the instance's lock (see
/// <c>WorkflowRuntime.UpdateAsync</c>): it may change the instance's properties, unit and deadline, journal what it did
/// and emit effects. Nothing is written when the action declines.
/// </summary>
public sealed class InstanceUpdate : IInstanceData
{
    readonly BurstExecution burst;
    long? journalSeq;
    int effects;

    internal InstanceUpdate(BurstExecution burst) => this.burst = burst;

    /// <summary>Where the instance is; a finished or cancelled instance is usually left alone.</summary>
    public WorkflowStatus Status => burst.Instance.Status;
    /// <inheritdoc />
    public Guid InstanceId => burst.Instance.Id;
    /// <inheritdoc />
    public string? CorrelationId => burst.Instance.CorrelationId;
    /// <inheritdoc />
    public string? Reference => burst.Instance.Reference;
    /// <inheritdoc />
    public string? Unit => burst.Instance.Unit;
    /// <inheritdoc />
    public DateTimeOffset? DueAt => burst.Instance.DueAt;
    /// <inheritdoc />
    public DateTimeOffset Now => burst.Now;
    /// <inheritdoc />
    public WorkflowActor Actor => burst.Actor;

    /// <inheritdoc />
    public JsonNode? GetProperty(string name) => burst.Properties[name];
    /// <inheritdoc />
    public void SetProperty(string name, JsonNode? value) => burst.Properties[name] = value?.DeepClone();
    /// <summary>What the instance was started with (read only).</summary>
    public JsonNode? GetInput(string name) => burst.Input[name]?.DeepClone();
    /// <inheritdoc />
    public void SetUnit(string unit) => burst.Instance.Unit = unit;
    /// <inheritdoc />
    public void SetDueAt(DateTimeOffset? dueAt) => burst.Instance.DueAt = dueAt;

    /// <summary>Adds a line to the instance's journal; effects emitted after it take their ids from it.</summary>
    public void Journal(string journalEvent, JsonObject? data)
    {
        journalSeq = burst.AddJournal(journalEvent, null, null, data);
        effects = 0;
    }

    /// <summary>Records an effect for the host's outbox, after a <see cref="Journal"/> line (its id derives from that line).</summary>
    public void Emit(string type, JsonObject payload)
    {
        var seq = journalSeq ?? throw new InvalidOperationException("Journal what the update did before emitting its effects.");
        burst.AddEffect(seq, effects++, type, payload);
    }
}
