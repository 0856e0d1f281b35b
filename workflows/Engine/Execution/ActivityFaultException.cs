namespace PublicServices.WorkflowEngine.Execution;

/// <summary>An activity threw during a burst; the burst is rolled back and run again recording an incident.</summary>
internal sealed class ActivityFaultException(string activityId, Exception inner)
    : Exception($"Activity '{activityId}' failed: {inner.Message}", inner)
{
    public string ActivityId { get; } = activityId;
}

/// <summary>A burst ran more steps than allowed without waiting: a loop with no wait in it.</summary>
internal sealed class StepLimitException(int limit)
    : Exception($"More than {limit} steps ran without waiting; a loop without a wait was stopped.");
