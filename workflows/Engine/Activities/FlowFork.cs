using PublicServices.WorkflowEngine.Definitions;
using PublicServices.WorkflowEngine.Execution;

namespace PublicServices.WorkflowEngine.Activities;

/// <summary><c>Elsa.FlowFork</c>: continues through every one of its <c>branches</c> (one port per branch).</summary>
public sealed class FlowFork : WorkflowActivity
{
    /// <inheritdoc />
    public override string Type => "Elsa.FlowFork";

    /// <inheritdoc />
    public override IReadOnlyList<string> Ports(ActivityNode node) => node.LiteralList("branches") ?? [];

    /// <inheritdoc />
    public override IEnumerable<ValidationProblem> Validate(ActivityNode node)
    {
        if (node.LiteralList("branches") is not { Count: > 0 } branches)
            yield return Problem(node, "Fork.NoBranches");
        else if (branches.Distinct(StringComparer.Ordinal).Count() != branches.Count)
            yield return Problem(node, "Fork.DuplicateBranches");
    }

    /// <inheritdoc />
    public override ActivityResult Execute(ActivityContext context) => ActivityResult.Continue(context.GetList("branches"));
}
