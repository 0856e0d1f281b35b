using System.Text.Json.Nodes;
using PublicServices.WorkflowEngine.Definitions;
using PublicServices.WorkflowEngine.Execution;

namespace PublicServices.WorkflowEngine.Activities;

/// <summary>
/// <c>Elsa.Event</c>: waits for the event <c>eventName</c> delivered with this instance's correlation id;
/// its payload becomes <c>lastEvent</c>.
/// </summary>
public sealed class Event : WorkflowActivity
{
    /// <inheritdoc />
    public override string Type => "Elsa.Event";

    /// <inheritdoc />
    public override bool IsWaiting => true;

    /// <inheritdoc />
    public override IEnumerable<ValidationProblem> Validate(ActivityNode node)
    {
        if (node.LacksText("eventName"))
            yield return Problem(node, "Event.NoName");
    }

    /// <inheritdoc />
    public override ActivityResult Execute(ActivityContext context)
    {
        var name = context.GetText("eventName");
        if (string.IsNullOrWhiteSpace(name)) throw new InvalidOperationException($"Event '{context.Activity.Id}' has no event name.");
        return ActivityResult.Suspend(new EventWait(name.Trim()));
    }

    /// <inheritdoc />
    public override ActivityResult Resume(ActivityContext context, JsonNode? payload)
    {
        context.SetLastEvent(payload as JsonObject);
        return ActivityResult.Done;
    }
}
