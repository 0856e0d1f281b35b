using System.Text.Json;
using System.Text.Json.Nodes;
using PublicServices.WorkflowEngine.Json;

namespace PublicServices.WorkflowEngine.Definitions;

/// <summary>
/// A workflow definition in Elsa 3's JSON shape. The whole document is kept as loaded, so properties this runtime
/// does not use (designer metadata, <c>customProperties</c>, <c>toolVersion</c>, <c>nodeId</c>…) export unchanged;
/// the typed properties read and write that same document.
/// </summary>
public sealed class WorkflowDefinition
{
    Flowchart? root;
    IReadOnlyList<VariableDefinition>? variables;

    WorkflowDefinition(JsonObject json) => Json = json;

    /// <summary>The definition document.</summary>
    public JsonObject Json { get; }

    /// <summary>Id of this version (Elsa's <c>id</c>).</summary>
    public string Id { get => Text("id") ?? ""; set => Json["id"] = value; }
    /// <summary>Id shared by every version of the definition (Elsa's <c>definitionId</c>).</summary>
    public string DefinitionId { get => Text("definitionId") ?? ""; set => Json["definitionId"] = value; }
    /// <summary>Display name.</summary>
    public string? Name { get => Text("name"); set => Json["name"] = value; }
    /// <summary>Description.</summary>
    public string? Description { get => Text("description"); set => Json["description"] = value; }
    /// <summary>Version number, from 1.</summary>
    public int Version { get => Json["version"] is JsonValue v && v.TryGetValue<int>(out var n) ? n : 0; set => Json["version"] = value; }
    /// <summary>True on the newest version.</summary>
    public bool IsLatest { get => Flag("isLatest"); set => Json["isLatest"] = value; }
    /// <summary>True on the version new instances start on.</summary>
    public bool IsPublished { get => Flag("isPublished"); set => Json["isPublished"] = value; }

    /// <summary>Declared variables with their initial values (parsed once; see <see cref="Invalidate"/>).</summary>
    public IReadOnlyList<VariableDefinition> Variables => variables ??=
        Json["variables"] is JsonArray list
            ? [.. list.OfType<JsonObject>().Select(v => new VariableDefinition(
                Str(v["id"]) ?? Str(v["name"]) ?? "", Str(v["name"]) ?? Str(v["id"]) ?? "", Str(v["typeName"]), v["value"]))]
            : [];

    /// <summary>The flowchart (parsed once; call <see cref="Invalidate"/> after editing <see cref="Json"/>'s root).</summary>
    public Flowchart Root => root ??= new Flowchart(Json["root"] as JsonObject);

    /// <summary>Forgets the parsed flowchart and variables after the JSON was edited.</summary>
    public void Invalidate()
    {
        root = null;
        variables = null;
    }

    /// <summary>Reads a definition from Elsa 3 JSON text.</summary>
    /// <exception cref="JsonException">The text is not a JSON object.</exception>
    public static WorkflowDefinition Parse(string json) =>
        new(JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }) as JsonObject
            ?? throw new JsonException("A workflow definition must be a JSON object."));

    /// <summary>Wraps a JSON object (not copied).</summary>
    public static WorkflowDefinition FromJson(JsonObject json) => new(json);

    /// <summary>The document as Elsa 3 JSON text.</summary>
    public string ToJson(bool indented = false) => Json.ToJsonString(indented ? WorkflowJson.Indented : WorkflowJson.Options);

    /// <summary>A deep copy (edits to it do not touch this one).</summary>
    public WorkflowDefinition Clone() => new((JsonObject)Json.DeepClone());

    /// <summary>Makes the document safe to read from several threads (a cached, published version is shared).</summary>
    internal WorkflowDefinition Freeze()
    {
        WorkflowJson.Materialize(Json);
        _ = Root;
        _ = Variables;
        return this;
    }

    string? Text(string name) => Str(Json[name]);
    bool Flag(string name) => Json[name] is JsonValue v && v.TryGetValue<bool>(out var b) && b;
    static string? Str(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
