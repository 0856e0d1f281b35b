namespace PublicServices.WorkflowEngine;

/// <summary>Limits and timings of the workflow runtime, bound from configuration section <c>Workflow:Runtime</c>.</summary>
public sealed class WorkflowRuntimeOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string SectionName = "Workflow:Runtime";

    /// <summary>Steps one burst may run before it faults: a loop without a wait must not spin forever.</summary>
    public int MaxStepsPerBurst { get; set; } = 1000;

    /// <summary>How long a burst waits for another burst of the same instance.</summary>
    public TimeSpan LockTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The name the runtime's own steps (timers, incident retries) are journaled and reported under.</summary>
    public string SystemActorName { get; set; } = "system";

    /// <summary>The actor id of the runtime's own steps.</summary>
    public const string SystemActorId = "system";

    /// <summary>Whether the background poller (due timers, incident retries) runs in this process.</summary>
    public bool EnablePoller { get; set; } = true;

    /// <summary>How often the poller looks for due timers and incidents when the last look found none.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Timers or incidents one poll takes at most.</summary>
    public int PollBatchSize { get; set; } = 100;

    /// <summary>How long a claimed timer or incident is left to the replica that claimed it.</summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Delay before the first retry of an incident; it doubles after every failed attempt.</summary>
    public TimeSpan IncidentBackoff { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest delay between two retries of an incident.</summary>
    public TimeSpan IncidentBackoffMax { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Failed attempts after which an incident is no longer retried automatically (retry by hand).</summary>
    public int IncidentMaxAttempts { get; set; } = 10;

    /// <summary>Wall-clock limit of one script evaluation.</summary>
    public TimeSpan ScriptTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Statements one script evaluation may run.</summary>
    public int ScriptMaxStatements { get; set; } = 100_000;

    /// <summary>Call depth one script evaluation may reach.</summary>
    public int ScriptRecursionLimit { get; set; } = 100;

    /// <summary>Memory one script evaluation may allocate.</summary>
    public long ScriptMemoryLimitBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>The problems with these options; empty when usable.</summary>
    public IEnumerable<string> Problems()
    {
        const string s = SectionName;
        if (MaxStepsPerBurst < 10) yield return $"{s}:MaxStepsPerBurst must be at least 10.";
        if (LockTimeout <= TimeSpan.Zero) yield return $"{s}:LockTimeout must be positive.";
        if (PollInterval <= TimeSpan.Zero) yield return $"{s}:PollInterval must be positive.";
        if (PollBatchSize < 1) yield return $"{s}:PollBatchSize must be at least 1.";
        if (ClaimLease <= TimeSpan.Zero) yield return $"{s}:ClaimLease must be positive.";
        if (IncidentBackoff <= TimeSpan.Zero || IncidentBackoffMax < IncidentBackoff) yield return $"{s}:IncidentBackoff must be positive and at most IncidentBackoffMax.";
        if (IncidentMaxAttempts < 1) yield return $"{s}:IncidentMaxAttempts must be at least 1.";
        if (ScriptTimeout <= TimeSpan.Zero || ScriptMaxStatements < 1 || ScriptRecursionLimit < 1 || ScriptMemoryLimitBytes < 1024 * 1024)
            yield return $"{s}: script limits must be positive (memory at least 1 MiB).";
    }
}
