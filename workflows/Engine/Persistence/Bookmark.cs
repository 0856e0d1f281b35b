namespace PublicServices.WorkflowEngine.Persistence;

/// <summary>An activity waiting for a named event with a correlation id; consumed exactly once by delivery.</summary>
public sealed class Bookmark
{
    public Guid Id { get; set; }
    public Guid InstanceId { get; set; }
    public string ActivityId { get; set; } = "";
    /// <summary>Event name, e.g. "SupplementSubmitted".</summary>
    public string Name { get; set; } = "";
    public string? CorrelationId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
