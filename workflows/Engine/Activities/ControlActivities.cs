using PublicServices.WorkflowEngine.Execution;

namespace PublicServices.WorkflowEngine.Activities;

/// <summary>Elsa's control activities, which the engine always knows.</summary>
public static class ControlActivities
{
    /// <summary>One instance of each (activities are stateless).</summary>
    public static IReadOnlyList<WorkflowActivity> All { get; } =
        [new Start(), new FlowDecision(), new FlowFork(), new FlowJoin(), new Delay(), new Timer(), new Event(), new SetVariable(), new End(), new Finish()];
}
