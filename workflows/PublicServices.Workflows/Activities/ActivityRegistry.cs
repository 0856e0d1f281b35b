using PublicServices.Workflows.Activities.Control;
using PublicServices.Workflows.Activities.Domain;

namespace PublicServices.Workflows.Activities;

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

    /// <summary>The built-in activities: Elsa's control activities and the one-stop domain activities.</summary>
    public static IReadOnlyList<WorkflowActivity> BuiltIn { get; } =
    [
        new Start(), new FlowDecision(), new FlowFork(), new FlowJoin(), new Delay(), new Activities.Control.Timer(), new Event(),
        new SetVariable(), new End(), new Finish(),
        new HumanTask(), new RequestSupplement(), new RequestPayment(), new IssueResult(), new SetDossierStatus(), new Notify(),
        new TransferAgency(),
    ];

    /// <summary>A registry of the built-in activities.</summary>
    public static ActivityRegistry Default { get; } = new(BuiltIn);

    /// <summary>The activity of a type, or null when unknown.</summary>
    public WorkflowActivity? Find(string type) => byType.GetValueOrDefault(type);

    /// <summary>Every known activity.</summary>
    public IEnumerable<WorkflowActivity> All => byType.Values;
}
