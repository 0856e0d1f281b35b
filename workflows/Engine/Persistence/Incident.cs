namespace PublicServices.WorkflowEngine.Persistence;

/// <summary>
/// An activity that threw. The instance is Faulted with the failed step first in its queue; retrying runs it
/// again. Retries back off exponentially until <see cref="NextAttemptAt"/> is null (gave up: retry by hand).
/// </summary>
public sealed class Incident
{
    public Guid Id { get; set; }
    public Guid InstanceId { get; set; }
    public string? ActivityId { get; set; }
    public string? ActivityType { get; set; }
    public string Message { get; set; } = "";
    /// <summary>Failed attempts so far.</summary>
    public int Attempts { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastAttemptAt { get; set; }
    public DateTimeOffset? NextAttemptAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
}
