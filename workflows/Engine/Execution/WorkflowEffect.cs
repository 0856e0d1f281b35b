namespace PublicServices.WorkflowEngine.Execution;

/// <summary>
/// Something the outside world must learn from a step (an event for the host's outbox). Its id comes from the
/// instance id and the step's sequence number, so a step that runs again after a rollback yields the same id.
/// </summary>
/// <param name="Id">Deterministic id: use it as the outbox message id (consumers deduplicate on it).</param>
/// <param name="Type">Event name with version, as in docs/contracts.md.</param>
/// <param name="Payload">The payload as JSON text (camelCase).</param>
public sealed record WorkflowEffect(Guid Id, string Type, string Payload, DateTimeOffset OccurredAt, Guid InstanceId, string? CorrelationId);
