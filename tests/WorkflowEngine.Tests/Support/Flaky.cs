using PublicServices.WorkflowEngine.Execution;

namespace PublicServices.WorkflowEngine.Tests.Support;

/// <summary>
/// A test activity (<c>Test.Flaky</c>) that throws while <see cref="Failing"/> is set: a step that crashes, as a
/// process dying mid-burst or a service being down would.
/// </summary>
public sealed class Flaky : WorkflowActivity
{
    int runs;

    public override string Type => "Test.Flaky";

    public volatile bool Failing = true;

    public int Runs => runs;

    public override ActivityResult Execute(ActivityContext context)
    {
        Interlocked.Increment(ref runs);
        if (Failing) throw new InvalidOperationException("The registry service did not answer.");
        return ActivityResult.Done;
    }
}
