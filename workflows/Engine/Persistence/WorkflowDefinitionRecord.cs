namespace PublicServices.WorkflowEngine.Persistence;

/// <summary>A stored version of a workflow definition (Elsa 3 JSON). Once published, only its isLatest/isPublished flags change.</summary>
public sealed class WorkflowDefinitionRecord
{
    /// <summary>The version id (Elsa's <c>id</c>).</summary>
    public string Id { get; set; } = "";
    public string DefinitionId { get; set; } = "";
    public int Version { get; set; }
    public string? Name { get; set; }
    public string? Description { get; set; }
    public bool IsLatest { get; set; }
    public bool IsPublished { get; set; }
    /// <summary>Set once a version was published; such a version is frozen and instances may run on it.</summary>
    public DateTimeOffset? PublishedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string Json { get; set; } = "{}";
}
