namespace PublicServices.WorkflowEngine.Execution;

/// <summary>The activity types the runtime knows, by type name.</summary>
public sealed class ActivityRegistry
{
    readonly Dictionary<string, WorkflowActivity> byType;

    /// <summary>Creates a registry; a later activity with the same type name replaces an earlier one.</summary>
    public ActivityRegistry(IEnumerable<WorkflowActivity> activities)
    {
        byType = new(StringComparer.Ordinal);
        foreach (var a in activities) byType[a.Type] = a;
    }

    /// <summary>The activity of a type, or null when unknown.</summary>
    public WorkflowActivity? Find(string type) => byType.GetValueOrDefault(type);

    /// <summary>Every known activity.</summary>
    public IEnumerable<WorkflowActivity> All => byType.Values;
}
