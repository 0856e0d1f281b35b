using PublicServices.WorkflowEngine.Execution;

namespace PublicServices.OneStop.Activities;

/// <summary>An activity of the one-stop module: its validation texts are in the module's resources.</summary>
public abstract class OneStopActivity : WorkflowActivity
{
    /// <inheritdoc />
    protected override Type Resources => typeof(OneStop.Resources.Messages);
}
