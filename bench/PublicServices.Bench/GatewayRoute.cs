using System.Text;
using System.Text.Json.Nodes;

namespace PublicServices.Bench;

/// <summary>
/// Gives the gateway a route to the bench backend through configuration alone: the environment variables that
/// copy a real route's policies and metadata (from the gateway's own appsettings.json) and its cluster's settings,
/// with only the path and the destination changed.
/// </summary>
public static class GatewayRoute
{
    public static string EnvironmentFor(string appsettingsPath, string template, string backend, string path)
    {
        var proxy = JsonNode.Parse(File.ReadAllText(appsettingsPath))?["ReverseProxy"]
            ?? throw new InvalidOperationException($"{appsettingsPath} has no ReverseProxy section");
        var routes = proxy["Routes"] as JsonObject ?? throw new InvalidOperationException("no ReverseProxy:Routes");
        var (_, route) = routes.FirstOrDefault(r => string.Equals(r.Key, template, StringComparison.OrdinalIgnoreCase)
                || string.Equals(r.Value?["ClusterId"]?.ToString(), template, StringComparison.OrdinalIgnoreCase));
        if (route is null)
            throw new InvalidOperationException($"no route '{template}' (by id or cluster) among: {string.Join(", ", routes.Select(r => r.Key))}");
        var clusterId = route["ClusterId"]?.ToString();
        var cluster = clusterId is null ? null : proxy["Clusters"]?[clusterId];

        var env = new SortedDictionary<string, string>(StringComparer.Ordinal);
        // Everything but the edge cache: part 1 measures what proxying a request costs, not answering from memory.
        Flatten(route, "ReverseProxy__Routes__bench", env, skip: ["Match", "ClusterId", "Order", "OutputCachePolicy"]);
        if (cluster is not null)
            Flatten(cluster, "ReverseProxy__Clusters__bench", env, skip: ["Destinations"]);
        env["ReverseProxy__Routes__bench__ClusterId"] = "bench";
        env["ReverseProxy__Routes__bench__Match__Path"] = path.TrimEnd('/') + "/{**rest}";
        env["ReverseProxy__Clusters__bench__Destinations__d1__Address"] = backend;

        var sb = new StringBuilder();
        foreach (var (key, value) in env)
            sb.Append("export ").Append(key).Append("='").Append(value.Replace("'", "'\\''", StringComparison.Ordinal)).Append("'\n");
        return sb.ToString();
    }

    static void Flatten(JsonNode? node, string prefix, IDictionary<string, string> env, string[]? skip = null)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o)
                    if (skip is null || !skip.Contains(key, StringComparer.OrdinalIgnoreCase))
                        Flatten(value, $"{prefix}__{key}", env);
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                    Flatten(a[i], $"{prefix}__{i}", env);
                break;
            case JsonValue v:
                env[prefix] = v.GetValueKind() is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False
                    ? v.ToString().ToLowerInvariant() : v.ToString();
                break;
        }
    }
}
