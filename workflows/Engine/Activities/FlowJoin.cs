using PublicServices.WorkflowEngine.Definitions;
using PublicServices.WorkflowEngine.Execution;

namespace PublicServices.WorkflowEngine.Activities;

/// <summary>
/// <c>Elsa.FlowJoin</c>: merges paths. <c>mode</c> WaitAll (default) continues once a path from every inbound
/// activity has arrived; WaitAny continues on the first arrival and cancels the other paths leading here.
/// </summary>
public sealed class FlowJoin : WorkflowActivity
{
    /// <inheritdoc />
    public override string Type => "Elsa.FlowJoin";

    /// <inheritdoc />
    public override IEnumerable<ValidationProblem> Validate(ActivityNode node)
    {
        if (node.LiteralText("mode") is { } mode && !IsMode(mode, "WaitAll") && !IsMode(mode, "WaitAny"))
            yield return Problem(node, "Join.BadMode", mode);
    }

    /// <inheritdoc />
    public override ActivityResult Execute(ActivityContext context)
    {
        var waitAny = IsMode(context.GetText("mode"), "WaitAny");
        var id = context.Activity.Id;
        if (waitAny)
        {
            // The first path wins; the others (everything upstream of the join still waiting) are cancelled.
            context.CancelActivities(context.Flowchart.Ancestors(id).Where(a => a != id));
            context.ClearJoin(id);
            return ActivityResult.Done;
        }

        var arrived = context.JoinArrivals(id);
        if (context.ArrivedFrom is { } from && !arrived.Contains(from)) arrived.Add(from);
        var expected = context.Flowchart.Incoming(id).Select(c => c.Source).Distinct().Count();
        context.Record("arrived", arrived.Count);
        if (arrived.Count < expected) return ActivityResult.EndPath;
        context.ClearJoin(id);
        return ActivityResult.Done;
    }

    static bool IsMode(string? value, string mode) => string.Equals(value?.Trim(), mode, StringComparison.OrdinalIgnoreCase);
}
