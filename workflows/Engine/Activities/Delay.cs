using System.Text.Json.Nodes;
using PublicServices.WorkflowEngine.Definitions;
using PublicServices.WorkflowEngine.Execution;
using PublicServices.WorkflowEngine.Json;

namespace PublicServices.WorkflowEngine.Activities;

/// <summary><c>Elsa.Delay</c>: waits for <c>timeSpan</c> ("hh:mm:ss", ISO 8601, or milliseconds), then "Done".</summary>
public class Delay : WorkflowActivity
{
    /// <inheritdoc />
    public override string Type => "Elsa.Delay";

    /// <summary>The input holding the duration.</summary>
    protected virtual string DurationInput => "timeSpan";

    /// <inheritdoc />
    public override bool IsWaiting => true;

    /// <inheritdoc />
    public override IEnumerable<ValidationProblem> Validate(ActivityNode node)
    {
        var input = node.Input(DurationInput);
        if (input is null)
            yield return Problem(node, "Delay.NoDuration", DurationInput);
        else if (input.Type == InputExpression.Literal && ValueConvert.ToTimeSpan(input.Value) is not { } t)
            yield return Problem(node, "Delay.BadDuration");
    }

    /// <inheritdoc />
    public override ActivityResult Execute(ActivityContext context)
    {
        var duration = context.GetTimeSpan(DurationInput) ?? throw new InvalidOperationException($"{Type} '{context.Activity.Id}' has no readable {DurationInput}.");
        if (duration < TimeSpan.Zero) duration = TimeSpan.Zero;
        return ActivityResult.Suspend(new TimerWait(context.Now + duration));
    }

    /// <inheritdoc />
    public override ActivityResult Resume(ActivityContext context, JsonNode? payload) => ActivityResult.Done;
}
