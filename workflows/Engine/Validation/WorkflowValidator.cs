using PublicServices.WorkflowEngine.Definitions;
using PublicServices.WorkflowEngine.Execution;
using PublicServices.WorkflowEngine.Expressions;
using PublicServices.WorkflowEngine.Json;
using Texts = PublicServices.WorkflowEngine.Resources.Messages;

namespace PublicServices.WorkflowEngine.Validation;

/// <summary>
/// Checks a definition before it may be published: one start, known activity types, connections between existing
/// activities and ports, every activity reachable, every port leading on and every path able to reach an end,
/// each activity's own rules, no loop that could spin without waiting, scripts that parse, and the rules of modules. Problems are text keys
/// (<see cref="ValidationProblem"/>); the host words them in the caller's language.
/// </summary>
public sealed class WorkflowValidator(ActivityRegistry registry, IEnumerable<IDefinitionRule>? rules = null)
{
    readonly IReadOnlyList<IDefinitionRule> rules = [.. rules ?? []];

    const string StartType = "Elsa.Start";

    /// <summary>Every problem found; an empty list means the definition can be published.</summary>
    public IReadOnlyList<ValidationProblem> Validate(WorkflowDefinition definition)
    {
        var problems = new List<ValidationProblem>();
        if (string.IsNullOrWhiteSpace(definition.DefinitionId))
            problems.Add(Problem(null, "Definition.NoId"));
        var chart = definition.Root;
        if (chart.Type != Flowchart.TypeName)
        {
            problems.Add(Problem(null, "Definition.RootNotFlowchart", Flowchart.TypeName));
            return problems;
        }

        CheckActivities(chart, problems);
        var starts = chart.AllActivities.Where(a => a.Type == StartType).ToList();
        if (starts.Count != 1)
            problems.Add(Problem(null, "Definition.StartCount", starts.Count));
        CheckConnections(chart, problems);
        if (starts.Count == 1) CheckReachable(chart, starts[0].Id, problems);
        CheckEnds(chart, problems);
        CheckLoops(chart, problems);
        foreach (var rule in rules) problems.AddRange(rule.Validate(chart, registry));
        return problems;
    }

    static ValidationProblem Problem(string? activityId, string key, params object[] arguments) => new(activityId, typeof(Texts), key, arguments);

    void CheckActivities(Flowchart chart, List<ValidationProblem> problems)
    {
        foreach (var dup in chart.AllActivities.GroupBy(a => a.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
            problems.Add(Problem(dup.Key, "Activity.DuplicateId", dup.Key));
        foreach (var node in chart.AllActivities)
        {
            if (string.IsNullOrWhiteSpace(node.Id))
                problems.Add(Problem(null, "Activity.NoId"));
            var activity = registry.Find(node.Type);
            if (activity is null)
            {
                problems.Add(Problem(node.Id, "Activity.UnknownType", node.Type));
                continue;
            }
            problems.AddRange(activity.Validate(node));
            foreach (var (name, input) in node.Inputs)
                if (input.Type is not (InputExpression.Literal or InputExpression.JavaScript or InputExpression.Variable))
                    problems.Add(Problem(node.Id, "Input.UnknownExpressionType", input.Type, name));
                else if (input.Type == InputExpression.JavaScript && ExpressionEvaluator.SyntaxError(ValueConvert.ToText(input.Value) ?? "") is { } error)
                    problems.Add(Problem(node.Id, "Input.ScriptSyntax", name, error));
        }
    }

    void CheckConnections(Flowchart chart, List<ValidationProblem> problems)
    {
        foreach (var c in chart.Connections)
        {
            if (!chart.Activities.TryGetValue(c.Source, out var source))
                problems.Add(Problem(c.Source, "Connection.UnknownSource", c.Source));
            else if (registry.Find(source.Type) is { } activity && !activity.Ports(source).Contains(c.SourcePort, StringComparer.Ordinal))
                problems.Add(Problem(c.Source, "Connection.UnknownPort", c.Source, c.SourcePort));
            if (!chart.Activities.ContainsKey(c.Target))
                problems.Add(Problem(c.Target, "Connection.UnknownTarget", c.Target));
            else if (c.TargetPort is { Length: > 0 } port && port != "In")
                problems.Add(Problem(c.Target, "Connection.UnknownInputPort", port));
        }
    }

    static void CheckReachable(Flowchart chart, string start, List<ValidationProblem> problems)
    {
        var reached = Walk(start, id => chart.Connections.Where(c => c.Source == id).Select(c => c.Target));
        foreach (var node in chart.Activities.Values.Where(a => !reached.Contains(a.Id)))
            problems.Add(Problem(node.Id, "Activity.Unreachable", node.Id));
    }

    void CheckEnds(Flowchart chart, List<ValidationProblem> problems)
    {
        // Every port must lead somewhere (a dangling port is a path that stops without an end) …
        foreach (var node in chart.Activities.Values)
        {
            if (registry.Find(node.Type) is not { IsTerminal: false } activity) continue;
            foreach (var port in activity.Ports(node).Where(p => chart.Outgoing(node.Id, p).Count == 0))
                problems.Add(activity.HasOutcomes
                    ? Problem(node.Id, "Port.OutcomeNotConnected", port, node.Id)
                    : Problem(node.Id, "Port.NotConnected", port, node.Id));
        }
        // … and from every activity an End or Finish must be reachable (no trap with no way out).
        var terminals = chart.Activities.Values.Where(a => registry.Find(a.Type)?.IsTerminal == true).Select(a => a.Id).ToList();
        var canEnd = new HashSet<string>(StringComparer.Ordinal);
        foreach (var t in terminals) canEnd.UnionWith(Walk(t, id => chart.Incoming(id).Select(c => c.Source)));
        foreach (var node in chart.Activities.Values.Where(a => !canEnd.Contains(a.Id)))
            problems.Add(Problem(node.Id, "Activity.NoPathToEnd", node.Id));
    }

    void CheckLoops(Flowchart chart, List<ValidationProblem> problems)
    {
        foreach (var component in StronglyConnected(chart))
        {
            var cyclic = component.Count > 1 || chart.Connections.Any(c => c.Source == component[0] && c.Target == component[0]);
            if (!cyclic) continue;
            if (component.Any(id => registry.Find(chart.Activities[id].Type)?.IsWaiting == true)) continue;
            problems.Add(Problem(component[0], "Loop.NoWait", string.Join(", ", component)));
        }
    }

    static HashSet<string> Walk(string from, Func<string, IEnumerable<string>> next)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { from };
        var stack = new Stack<string>([from]);
        while (stack.TryPop(out var id))
            foreach (var n in next(id))
                if (seen.Add(n)) stack.Push(n);
        return seen;
    }

    /// <summary>Tarjan's strongly connected components over known activities (iterative, no recursion limit).</summary>
    static List<List<string>> StronglyConnected(Flowchart chart)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var result = new List<List<string>>();
        var next = 0;
        IEnumerable<string> Successors(string id) => chart.Connections.Where(c => c.Source == id && chart.Activities.ContainsKey(c.Target)).Select(c => c.Target).Distinct();

        foreach (var root in chart.Activities.Keys)
        {
            if (index.ContainsKey(root)) continue;
            var work = new Stack<(string Id, IEnumerator<string> Children)>();
            index[root] = low[root] = next++;
            stack.Push(root);
            onStack.Add(root);
            work.Push((root, Successors(root).GetEnumerator()));
            while (work.Count > 0)
            {
                var (id, children) = work.Peek();
                if (children.MoveNext())
                {
                    var child = children.Current;
                    if (!index.TryGetValue(child, out var childIndex))
                    {
                        index[child] = low[child] = next++;
                        stack.Push(child);
                        onStack.Add(child);
                        work.Push((child, Successors(child).GetEnumerator()));
                    }
                    else if (onStack.Contains(child)) low[id] = Math.Min(low[id], childIndex);
                    continue;
                }
                work.Pop();
                if (work.Count > 0) low[work.Peek().Id] = Math.Min(low[work.Peek().Id], low[id]);
                if (low[id] != index[id]) continue;
                var component = new List<string>();
                string member;
                do
                {
                    member = stack.Pop();
                    onStack.Remove(member);
                    component.Add(member);
                } while (member != id);
                component.Reverse();
                result.Add(component);
            }
        }
        return result;
    }
}
