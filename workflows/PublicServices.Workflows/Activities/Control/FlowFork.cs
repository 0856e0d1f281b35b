using PublicServices.Workflows.Definitions;

namespace PublicServices.Workflows.Activities.Control;

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
            yield return Problem(node, "Rẽ song song phải liệt kê các nhánh (branches) bằng giá trị cố định.",
                "The fork must list its branches as a literal value.");
        else if (branches.Distinct(StringComparer.Ordinal).Count() != branches.Count)
            yield return Problem(node, "Tên các nhánh không được trùng nhau.", "Branch names must be unique.");
    }

    /// <inheritdoc />
    public override ActivityResult Execute(ActivityContext context) => ActivityResult.Continue(context.GetList("branches"));
}
