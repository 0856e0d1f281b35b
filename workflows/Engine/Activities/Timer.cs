namespace PublicServices.WorkflowEngine.Activities;

/// <summary>
/// <c>Elsa.Timer</c>: inside a flowchart, waits one <c>interval</c> and continues (as a recurring trigger of new
/// instances it is not supported: instances are started by the host).
/// </summary>
public sealed class Timer : Delay
{
    /// <inheritdoc />
    public override string Type => "Elsa.Timer";

    /// <inheritdoc />
    protected override string DurationInput => "interval";
}
