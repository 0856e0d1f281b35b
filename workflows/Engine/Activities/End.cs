using PublicServices.WorkflowEngine.Execution;

namespace PublicServices.WorkflowEngine.Activities;

/// <summary><c>Elsa.End</c>: this path ends; the workflow finishes when no other path runs or waits.</summary>
public sealed class End : WorkflowActivity
{
    /// <inheritdoc />
    public override string Type => "Elsa.End";

    /// <inheritdoc />
    public override bool IsTerminal => true;

    /// <inheritdoc />
    public override IReadOnlyList<string> Ports(Definitions.ActivityNode node) => [];

    /// <inheritdoc />
    public override ActivityResult Execute(ActivityContext context) => ActivityResult.EndPath;
}
