using System.Reflection;
using System.Runtime.CompilerServices;

namespace PublicServices.Architecture.Tests;

/// <summary>
/// Which namespace (folder) of an assembly uses which, with one example of each use. The composition root (static
/// classes in the root namespace named *Service or *ServiceCollectionExtensions, and Program) is left out: it wires
/// every folder together by design.
/// </summary>
sealed class NamespaceGraph
{
    readonly Dictionary<string, Dictionary<string, string>> edges = new(StringComparer.Ordinal);

    public static NamespaceGraph Of(Assembly assembly)
    {
        var root = assembly.GetName().Name!;
        bool Ours(Type t) => t.Assembly == assembly && t.Namespace is { } ns && (ns == root || ns.StartsWith(root + ".", StringComparison.Ordinal));
        var graph = new NamespaceGraph();
        foreach (var type in assembly.GetTypes().Where(t => t.DeclaringType is null && Ours(t) && !IsCompositionRoot(t, root)
                     && !t.IsDefined(typeof(CompilerGeneratedAttribute))))
            foreach (var used in TypeDependencies.Of(type).Select(TypeDependencies.Owner).Where(Ours))
                if (used.Namespace != type.Namespace)
                    graph.Add(type.Namespace!, used.Namespace!, $"{type.Name} uses {used.Name}");
        return graph;
    }

    static bool IsCompositionRoot(Type type, string root) =>
        type.Namespace == root && type is { IsAbstract: true, IsSealed: true }
        && (type.Name.EndsWith("Service", StringComparison.Ordinal) || type.Name.EndsWith("ServiceCollectionExtensions", StringComparison.Ordinal));

    void Add(string from, string to, string example)
    {
        if (!edges.TryGetValue(from, out var targets)) edges[from] = targets = new(StringComparer.Ordinal);
        targets.TryAdd(to, example);
    }

    public IEnumerable<string> Uses(string from) => edges.TryGetValue(from, out var targets) ? targets.Keys : [];

    public string Example(string from, string to) => edges[from][to];

    /// <summary>Groups of namespaces that use each other, directly or around a loop (Tarjan's components of more than one).</summary>
    public IReadOnlyList<IReadOnlyList<string>> Cycles()
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<IReadOnlyList<string>>();
        void Visit(string v)
        {
            index[v] = low[v] = index.Count;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in Uses(v))
            {
                if (!index.TryGetValue(w, out var seen)) { Visit(w); low[v] = Math.Min(low[v], low[w]); }
                else if (onStack.Contains(w)) low[v] = Math.Min(low[v], seen);
            }
            if (low[v] != index[v]) return;
            var component = new List<string>();
            string x;
            do { x = stack.Pop(); onStack.Remove(x); component.Add(x); } while (x != v);
            if (component.Count > 1) result.Add(component);
        }
        foreach (var v in edges.Keys.ToList()) if (!index.ContainsKey(v)) Visit(v);
        return result;
    }

    /// <summary>A cycle told as its uses, e.g. "A → B (X uses Y)".</summary>
    public string Describe(IReadOnlyList<string> cycle) =>
        string.Join("; ", cycle.SelectMany(a => cycle.Where(b => edges.TryGetValue(a, out var t) && t.ContainsKey(b)).Select(b => $"{a} → {b} ({Example(a, b)})")));
}
