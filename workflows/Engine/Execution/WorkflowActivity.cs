using System.Text.Json.Nodes;
using PublicServices.WorkflowEngine.Definitions;

namespace PublicServices.WorkflowEngine.Execution;

/// <summary>
/// An activity type. One stateless instance serves every node of that type: everything about a particular
/// run comes through the <see cref="ActivityContext"/>. An activity never writes to the database itself; it
/// returns a result and records effects on the context, and the runtime writes everything in one transaction.
/// </summary>
public abstract class WorkflowActivity
{
    /// <summary>The port most activities complete through.</summary>
    protected static readonly IReadOnlyList<string> DonePort = ["Done"];

    /// <summary>Type name in definitions, e.g. "Elsa.FlowDecision".</summary>
    public abstract string Type { get; }

    /// <summary>True when the activity can suspend the workflow (a loop through it cannot spin).</summary>
    public virtual bool IsWaiting => false;

    /// <summary>True for End and Finish, which have no outgoing ports.</summary>
    public virtual bool IsTerminal => false;

    /// <summary>True when its ports are outcomes a person chooses (a human task): validation names them so.</summary>
    public virtual bool HasOutcomes => false;

    /// <summary>The ports this node can complete through (from its literal inputs); used by validation.</summary>
    public virtual IReadOnlyList<string> Ports(ActivityNode node) => DonePort;

    /// <summary>Problems with this node's inputs, beyond the flowchart rules.</summary>
    public virtual IEnumerable<ValidationProblem> Validate(ActivityNode node) => [];

    /// <summary>Runs the activity when the flowchart reaches it.</summary>
    public abstract ActivityResult Execute(ActivityContext context);

    /// <summary>Runs when the activity's wait is resumed (a task completed, an event delivered, a timer due).</summary>
    public virtual ActivityResult Resume(ActivityContext context, JsonNode? payload) =>
        throw new InvalidOperationException($"{Type} does not wait, so it cannot be resumed.");

    /// <summary>
    /// A task this activity created is past its deadline (it stays open). The runtime has journaled it; the activity
    /// may emit effects (e.g. a notification) through <paramref name="context"/>. Nothing by default.
    /// </summary>
    public virtual void Escalated(ActivityContext context, Guid taskId)
    {
    }

    /// <summary>The resources this activity's validation texts are in (its module's <c>Resources/Messages</c>).</summary>
    protected virtual Type Resources => typeof(Resources.Messages);

    /// <summary>A problem about <paramref name="node"/>: a key in <see cref="Resources"/>, with arguments.</summary>
    protected ValidationProblem Problem(ActivityNode node, string key, params object[] arguments) => new(node.Id, Resources, key, arguments);
}
