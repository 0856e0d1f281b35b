using System.Text.Json.Nodes;
using PublicServices.WorkflowEngine.Json;

namespace PublicServices.WorkflowEngine.Execution;

/// <summary>What an activity asks the runtime to do next.</summary>
public sealed class ActivityResult
{
    ActivityResult(ActivityResultKind kind, IReadOnlyList<string> ports, WaitRequest? wait)
    {
        Kind = kind;
        Ports = ports;
        Wait = wait;
    }

    /// <summary>Continue, wait, end this path, or finish the workflow.</summary>
    public ActivityResultKind Kind { get; }
    /// <summary>The ports to continue through (<see cref="ActivityResultKind.Continue"/>).</summary>
    public IReadOnlyList<string> Ports { get; }
    /// <summary>What to wait for (<see cref="ActivityResultKind.Wait"/>).</summary>
    public WaitRequest? Wait { get; }

    /// <summary>Continue through the "Done" port.</summary>
    public static readonly ActivityResult Done = Continue("Done");
    /// <summary>This path of the flowchart ends; other paths go on.</summary>
    public static readonly ActivityResult EndPath = new(ActivityResultKind.EndPath, [], null);
    /// <summary>The whole workflow ends: every other wait is cancelled.</summary>
    public static readonly ActivityResult FinishWorkflow = new(ActivityResultKind.Finish, [], null);

    /// <summary>Continue through the given ports (each connection from them runs next).</summary>
    public static ActivityResult Continue(params IReadOnlyList<string> ports) => new(ActivityResultKind.Continue, ports, null);

    /// <summary>Suspend this path until the wait is resumed; the activity's Resume runs then.</summary>
    public static ActivityResult Suspend(WaitRequest wait) => new(ActivityResultKind.Wait, [], wait);
}

/// <summary>The kinds of <see cref="ActivityResult"/>.</summary>
public enum ActivityResultKind { Continue, Wait, EndPath, Finish }

/// <summary>Something a suspended activity waits for.</summary>
public abstract record WaitRequest;

/// <summary>A named event for this instance's correlation id (e.g. "SupplementSubmitted").</summary>
public sealed record EventWait(string EventName) : WaitRequest;

/// <summary>A point in time.</summary>
public sealed record TimerWait(DateTimeOffset DueAt) : WaitRequest;

/// <summary>A human task for the people of <paramref name="Unit"/> who have <paramref name="Role"/>.</summary>
/// <param name="DueAt">The step's deadline; the activity's <see cref="WorkflowActivity.Escalated"/> runs then. Null: no deadline.</param>
/// <param name="Properties">What the activity keeps with the task (shown with it, e.g. its budget); null when nothing.</param>
public sealed record TaskWait(string Unit, string Role, IReadOnlyList<string> Outcomes, LocalizedText Title, DateTimeOffset? DueAt,
    JsonObject? Properties = null) : WaitRequest;
