using PublicServices.WorkflowEngine.Activities;
using PublicServices.WorkflowEngine.Execution;
using PublicServices.WorkflowEngine.Validation;

namespace PublicServices.WorkflowEngine.Tests.Support;

/// <summary>The activities engine tests run: Elsa's control activities and the test activities of this folder.</summary>
public static class TestActivities
{
    /// <summary>The test activities every test host and harness knows.</summary>
    public static IReadOnlyList<WorkflowActivity> All { get; } = [new TestTask(), new Mark()];

    /// <summary>The control activities, the test activities and <paramref name="extra"/> (a later one replaces an earlier one of its type).</summary>
    public static ActivityRegistry Registry(params IEnumerable<WorkflowActivity> extra) => new([.. ControlActivities.All, .. All, .. extra]);

    /// <summary>A validator that knows <see cref="Registry"/>.</summary>
    public static WorkflowValidator Validator() => new(Registry());
}
