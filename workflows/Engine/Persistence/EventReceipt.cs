namespace PublicServices.WorkflowEngine.Persistence;

/// <summary>An event already consumed by an instance: a redelivered event (same id) resumes nothing.</summary>
public sealed class EventReceipt
{
    public string EventId { get; set; } = "";
    public Guid InstanceId { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
}
