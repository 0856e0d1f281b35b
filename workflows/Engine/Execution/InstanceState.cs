using System.Text.Json.Nodes;

namespace PublicServices.WorkflowEngine.Execution;

/// <summary>
/// The flowchart's active state, stored as JSON on the instance: work not yet done (only non-empty after a
/// fault: the failed step stays first), the waits that keep the instance alive, join arrivals, and the last
/// task and event (scripts read them as <c>lastTask</c>/<c>lastEvent</c>).
/// </summary>
internal sealed class InstanceState
{
    public List<WorkItem> Queue { get; set; } = [];
    public List<ActiveWait> Waits { get; set; } = [];
    /// <summary>Join id → the activities whose paths have arrived (WaitAll fires when all inbound sources did).</summary>
    public Dictionary<string, List<string>> Joins { get; set; } = [];
    public JsonObject? LastTask { get; set; }
    public JsonObject? LastEvent { get; set; }
    /// <summary>The open incident while the instance is Faulted.</summary>
    public Guid? IncidentId { get; set; }
}

/// <summary>An activity to run, or to resume with a payload, and where the path came from (joins need it).</summary>
internal sealed record WorkItem(string ActivityId, string? From = null, bool Resume = false, JsonNode? Payload = null);

/// <summary>A wait row that belongs to the instance: a task, a bookmark or a timer, with its id.</summary>
internal sealed class ActiveWait
{
    public string ActivityId { get; set; } = "";
    public WaitKind Kind { get; set; }
    public Guid Id { get; set; }
    /// <summary>A task whose escalation timer (same id as the task) has not fired yet.</summary>
    public bool Escalation { get; set; }
}

/// <summary>What an activity waits for.</summary>
public enum WaitKind { Task = 0, Event = 1, Timer = 2 }
