using PublicServices.Workflows.Activities;
using PublicServices.Workflows.Expressions;

namespace PublicServices.Workflows.Definitions;

/// <summary>
/// Checks a definition before it may be published: one start, known activity types, connections between existing
/// activities and ports, every activity reachable, every port leading on and every path able to reach an end,
/// human tasks with a role and outcomes, no loop that could spin without waiting, and scripts that parse.
/// </summary>
public sealed class WorkflowValidator(ActivityRegistry registry)
{
    /// <summary>A validator for the built-in activities.</summary>
    public WorkflowValidator() : this(ActivityRegistry.Default) { }

    /// <summary>Every problem found; an empty list means the definition can be published.</summary>
    public IReadOnlyList<ValidationProblem> Validate(WorkflowDefinition definition)
    {
        var problems = new List<ValidationProblem>();
        if (string.IsNullOrWhiteSpace(definition.DefinitionId))
            problems.Add(new(null, "Thiếu mã quy trình (definitionId).", "The definition has no definitionId."));
        var chart = definition.Root;
        if (chart.Type != Flowchart.TypeName)
        {
            problems.Add(new(null, $"Gốc của quy trình phải là {Flowchart.TypeName}.", $"The definition's root must be an {Flowchart.TypeName}."));
            return problems;
        }

        CheckActivities(chart, problems);
        var starts = chart.AllActivities.Where(a => a.Type == "Elsa.Start").ToList();
        if (starts.Count != 1)
            problems.Add(new(null, $"Quy trình phải có đúng một điểm bắt đầu (Elsa.Start), hiện có {starts.Count}.",
                $"The workflow must have exactly one start (Elsa.Start); it has {starts.Count}."));
        CheckConnections(chart, problems);
        if (starts.Count == 1) CheckReachable(chart, starts[0].Id, problems);
        CheckEnds(chart, problems);
        CheckLoops(chart, problems);
        return problems;
    }

    void CheckActivities(Flowchart chart, List<ValidationProblem> problems)
    {
        foreach (var dup in chart.AllActivities.GroupBy(a => a.Id).Where(g => g.Count() > 1))
            problems.Add(new(dup.Key, $"Mã bước '{dup.Key}' bị trùng.", $"Activity id '{dup.Key}' is used more than once."));
        foreach (var node in chart.AllActivities)
        {
            if (string.IsNullOrWhiteSpace(node.Id))
                problems.Add(new(null, "Một bước không có mã (id).", "An activity has no id."));
            var activity = registry.Find(node.Type);
            if (activity is null)
            {
                problems.Add(new(node.Id, $"Loại bước '{node.Type}' không được hỗ trợ.", $"Activity type '{node.Type}' is not supported."));
                continue;
            }
            problems.AddRange(activity.Validate(node));
            foreach (var (name, input) in node.Inputs)
                if (input.Type is not (InputExpression.Literal or InputExpression.JavaScript or InputExpression.Variable))
                    problems.Add(new(node.Id, $"Loại biểu thức '{input.Type}' của '{name}' không được hỗ trợ (Literal, JavaScript, Variable).",
                        $"Expression type '{input.Type}' of '{name}' is not supported (Literal, JavaScript, Variable)."));
                else if (input.Type == InputExpression.JavaScript && ExpressionEvaluator.SyntaxError(ValueConvert.ToText(input.Value) ?? "") is { } error)
                    problems.Add(new(node.Id, $"Biểu thức JavaScript của '{name}' có lỗi cú pháp: {error}", $"The JavaScript of '{name}' does not parse: {error}"));
        }
    }

    void CheckConnections(Flowchart chart, List<ValidationProblem> problems)
    {
        foreach (var c in chart.Connections)
        {
            if (!chart.Activities.TryGetValue(c.Source, out var source))
                problems.Add(new(c.Source, $"Kết nối xuất phát từ bước không tồn tại '{c.Source}'.", $"A connection starts at unknown activity '{c.Source}'."));
            else if (registry.Find(source.Type) is { } activity && !activity.Ports(source).Contains(c.SourcePort, StringComparer.Ordinal))
                problems.Add(new(c.Source, $"Bước '{c.Source}' không có cổng ra '{c.SourcePort}'.", $"Activity '{c.Source}' has no port '{c.SourcePort}'."));
            if (!chart.Activities.ContainsKey(c.Target))
                problems.Add(new(c.Target, $"Kết nối đi tới bước không tồn tại '{c.Target}'.", $"A connection leads to unknown activity '{c.Target}'."));
            else if (c.TargetPort is { Length: > 0 } port && port != "In")
                problems.Add(new(c.Target, $"Cổng vào '{port}' không tồn tại (chỉ có 'In').", $"Input port '{port}' does not exist (only 'In')."));
        }
    }

    static void CheckReachable(Flowchart chart, string start, List<ValidationProblem> problems)
    {
        var reached = Walk(start, id => chart.Connections.Where(c => c.Source == id).Select(c => c.Target));
        foreach (var node in chart.Activities.Values.Where(a => !reached.Contains(a.Id)))
            problems.Add(new(node.Id, $"Không thể đi tới bước '{node.Id}' từ điểm bắt đầu.", $"Activity '{node.Id}' cannot be reached from the start."));
    }

    void CheckEnds(Flowchart chart, List<ValidationProblem> problems)
    {
        // Every port must lead somewhere (a dangling port is a path that stops without an end) …
        foreach (var node in chart.Activities.Values)
        {
            if (registry.Find(node.Type) is not { IsTerminal: false } activity) continue;
            foreach (var port in activity.Ports(node).Where(p => chart.Outgoing(node.Id, p).Count == 0))
                problems.Add(node.Type == "PublicServices.HumanTask"
                    ? new(node.Id, $"Kết quả xử lý '{port}' của công việc '{node.Id}' chưa được nối tới bước nào.", $"Outcome '{port}' of human task '{node.Id}' is not connected.")
                    : new(node.Id, $"Cổng ra '{port}' của bước '{node.Id}' chưa được nối tới bước nào.", $"Port '{port}' of activity '{node.Id}' is not connected."));
        }
        // … and from every activity an End or Finish must be reachable (no trap with no way out).
        var terminals = chart.Activities.Values.Where(a => registry.Find(a.Type)?.IsTerminal == true).Select(a => a.Id).ToList();
        var canEnd = new HashSet<string>();
        foreach (var t in terminals) canEnd.UnionWith(Walk(t, id => chart.Incoming(id).Select(c => c.Source)));
        foreach (var node in chart.Activities.Values.Where(a => !canEnd.Contains(a.Id)))
            problems.Add(new(node.Id, $"Từ bước '{node.Id}' không có đường nào tới điểm kết thúc (Elsa.End hoặc Elsa.Finish).",
                $"No path from activity '{node.Id}' reaches an end (Elsa.End or Elsa.Finish)."));
    }

    void CheckLoops(Flowchart chart, List<ValidationProblem> problems)
    {
        foreach (var component in StronglyConnected(chart))
        {
            var cyclic = component.Count > 1 || chart.Connections.Any(c => c.Source == component[0] && c.Target == component[0]);
            if (!cyclic) continue;
            if (component.Any(id => registry.Find(chart.Activities[id].Type)?.IsWaiting == true)) continue;
            var ids = string.Join(", ", component);
            problems.Add(new(component[0], $"Vòng lặp qua các bước {ids} không có bước chờ nào (công việc, sự kiện, hẹn giờ) nên có thể chạy mãi.",
                $"The loop through {ids} has no waiting activity (task, event, timer), so it could run forever."));
        }
    }

    static HashSet<string> Walk(string from, Func<string, IEnumerable<string>> next)
    {
        var seen = new HashSet<string> { from };
        var stack = new Stack<string>([from]);
        while (stack.TryPop(out var id))
            foreach (var n in next(id))
                if (seen.Add(n)) stack.Push(n);
        return seen;
    }

    /// <summary>Tarjan's strongly connected components over known activities (iterative, no recursion limit).</summary>
    static List<List<string>> StronglyConnected(Flowchart chart)
    {
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var onStack = new HashSet<string>();
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
