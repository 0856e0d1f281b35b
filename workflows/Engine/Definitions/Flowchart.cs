using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace PublicServices.WorkflowEngine.Definitions;

/// <summary>
/// The <c>root</c> of a definition (<c>Elsa.Flowchart</c>): its activities and connections, indexed for running.
/// Tolerant of mistakes (duplicate ids, dangling connections): the validator reports them, the runtime only ever
/// runs definitions that passed it.
/// </summary>
public sealed class Flowchart
{
    /// <summary>The type name Elsa 3 gives a flowchart root.</summary>
    public const string TypeName = "Elsa.Flowchart";

    static readonly IReadOnlyList<Connection> None = [];
    readonly Dictionary<(string, string), List<Connection>> outgoing = [];
    readonly Dictionary<string, List<Connection>> incoming = [];
    readonly ConcurrentDictionary<string, IReadOnlySet<string>> ancestors = new();

    internal Flowchart(JsonObject? root)
    {
        Json = root;
        Type = root?["type"] is JsonValue t && t.TryGetValue<string>(out var type) ? type : null;
        AllActivities = root?["activities"] is JsonArray list ? [.. list.OfType<JsonObject>().Select(a => new ActivityNode(a))] : [];
        Activities = AllActivities.GroupBy(a => a.Id).ToDictionary(g => g.Key, g => g.First());
        Connections = root?["connections"] is JsonArray edges ? [.. edges.OfType<JsonObject>().Select(ReadConnection).OfType<Connection>()] : [];
        foreach (var c in Connections)
        {
            Add(outgoing, (c.Source, c.SourcePort), c);
            Add(incoming, c.Target, c);
        }
        Start = AllActivities.FirstOrDefault(a => a.Type == "Elsa.Start");
    }

    /// <summary>The root JSON object, null when the definition has none.</summary>
    public JsonObject? Json { get; }
    /// <summary>The root's type; a valid definition has <see cref="TypeName"/>.</summary>
    public string? Type { get; }
    /// <summary>Every activity in document order (including duplicates of an id).</summary>
    public IReadOnlyList<ActivityNode> AllActivities { get; }
    /// <summary>Activities by id (first one wins on a duplicate id).</summary>
    public IReadOnlyDictionary<string, ActivityNode> Activities { get; }
    /// <summary>Every connection that has a source and a target.</summary>
    public IReadOnlyList<Connection> Connections { get; }
    /// <summary>The first <c>Elsa.Start</c> activity.</summary>
    public ActivityNode? Start { get; }

    /// <summary>Connections leaving <paramref name="activityId"/> through <paramref name="port"/>.</summary>
    public IReadOnlyList<Connection> Outgoing(string activityId, string port) => outgoing.GetValueOrDefault((activityId, port)) ?? None;

    /// <summary>Connections arriving at <paramref name="activityId"/>.</summary>
    public IReadOnlyList<Connection> Incoming(string activityId) => incoming.GetValueOrDefault(activityId) ?? None;

    /// <summary>Every activity from which <paramref name="activityId"/> can be reached (not counting itself unless on a cycle).</summary>
    public IReadOnlySet<string> Ancestors(string activityId) => ancestors.GetOrAdd(activityId, id =>
    {
        var seen = new HashSet<string>();
        var stack = new Stack<string>([id]);
        while (stack.TryPop(out var current))
            foreach (var c in Incoming(current))
                if (seen.Add(c.Source)) stack.Push(c.Source);
        return seen;
    });

    static Connection? ReadConnection(JsonObject c)
    {
        // Elsa 3.1+: {"source": {"activity", "port"}, "target": {...}}; Elsa 3.0 wrote flat sourcePort/targetPort.
        var (source, sourcePort) = End(c["source"], c["sourcePort"]);
        var (target, targetPort) = End(c["target"], c["targetPort"]);
        return source is null || target is null ? null : new Connection(source, sourcePort ?? "Done", target, targetPort);
    }

    static (string? Activity, string? Port) End(JsonNode? node, JsonNode? flatPort) => node switch
    {
        JsonObject o => (Text(o["activity"]), Text(o["port"])),
        JsonValue v => (Text(v), Text(flatPort)),
        _ => (null, null),
    };

    static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    static void Add<TKey>(Dictionary<TKey, List<Connection>> index, TKey key, Connection c) where TKey : notnull
    {
        if (!index.TryGetValue(key, out var list)) index[key] = list = [];
        list.Add(c);
    }
}
