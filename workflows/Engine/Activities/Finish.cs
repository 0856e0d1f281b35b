using PublicServices.WorkflowEngine.Execution;

namespace PublicServices.WorkflowEngine.Activities;

/// <summary><c>Elsa.Finish</c>: the whole workflow ends now; every other path's wait is cancelled.</summary>
public sealed class Finish : WorkflowActivity
{
    /// <inheritdoc />
    public override string Type => "Elsa.Finish";

    /// <inheritdoc />
    public override bool IsTerminal => true;

    /// <inheritdoc />
    public override IReadOnlyList<string> Ports(Definitions.ActivityNode node) => [];

    /// <inheritdoc />
    public override ActivityResult Execute(ActivityContext context) => ActivityResult.FinishWorkflow;
}
