using PublicServices.WorkflowEngine.Execution;

namespace PublicServices.WorkflowEngine.Activities;

/// <summary><c>Elsa.Start</c>: where the flowchart begins (exactly one per definition).</summary>
public sealed class Start : WorkflowActivity
{
    /// <inheritdoc />
    public override string Type => "Elsa.Start";

    /// <inheritdoc />
    public override ActivityResult Execute(ActivityContext context) => ActivityResult.Done;
}
