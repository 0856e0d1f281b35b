namespace PublicServices.Workflow.Events;

/// <summary>What the consumer did with an event (the body of a 200 answer).</summary>
/// <param name="Outcome">started, already_started, resumed, nothing_waiting or duplicate.</param>
public sealed record EventOutcome(string Outcome, Guid? InstanceId = null, int Resumed = 0);
