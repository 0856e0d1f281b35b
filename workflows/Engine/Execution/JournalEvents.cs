namespace PublicServices.WorkflowEngine.Execution;

/// <summary>The <c>event</c> values of journal entries.</summary>
public static class JournalEvents
{
    public const string WorkflowStarted = "WorkflowStarted";
    public const string ActivityExecuted = "ActivityExecuted";
    public const string ActivitySuspended = "ActivitySuspended";
    public const string ActivityResumed = "ActivityResumed";
    public const string ActivityFaulted = "ActivityFaulted";
    public const string TaskEscalated = "TaskEscalated";
    public const string IncidentResolved = "IncidentResolved";
    public const string WorkflowFinished = "WorkflowFinished";
    public const string WorkflowCancelled = "WorkflowCancelled";
}
