using PublicServices.WorkflowEngine.Definitions;
using PublicServices.WorkflowEngine.Execution;

namespace PublicServices.WorkflowEngine.Activities;

/// <summary><c>Elsa.FlowDecision</c>: continues through "True" or "False" by its <c>condition</c>.</summary>
public sealed class FlowDecision : WorkflowActivity
{
    static readonly IReadOnlyList<string> TrueFalse = ["True", "False"];

    /// <inheritdoc />
    public override string Type => "Elsa.FlowDecision";

    /// <inheritdoc />
    public override IReadOnlyList<string> Ports(ActivityNode node) => TrueFalse;

    /// <inheritdoc />
    public override IEnumerable<ValidationProblem> Validate(ActivityNode node)
    {
        if (node.Input("condition") is null)
            yield return Problem(node, "Decision.NoCondition");
    }

    /// <inheritdoc />
    public override ActivityResult Execute(ActivityContext context)
    {
        var result = context.GetBoolean("condition");
        context.Record("result", result);
        return ActivityResult.Continue(result ? "True" : "False");
    }
}
