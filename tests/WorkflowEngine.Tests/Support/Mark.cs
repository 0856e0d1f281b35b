using System.Text.Json.Nodes;
using PublicServices.WorkflowEngine.Execution;

namespace PublicServices.WorkflowEngine.Tests.Support;

/// <summary>
/// A test activity (<c>Test.Mark</c>): emits <see cref="Effect"/> with its number <c>mark</c>, so a test counts the
/// effects a step wrote (exactly once, in order) as a module's status report would write them.
/// </summary>
public sealed class Mark : WorkflowActivity
{
    public const string TypeName = "Test.Mark";

    /// <summary>The effect it emits: <c>{mark}</c>.</summary>
    public const string Effect = "Test.Marked.v1";

    public override string Type => TypeName;

    public override ActivityResult Execute(ActivityContext context)
    {
        var mark = context.GetDecimal("mark") ?? throw new InvalidOperationException($"Mark '{context.Activity.Id}' has no number.");
        context.Emit(Effect, new JsonObject { ["mark"] = mark });
        return ActivityResult.Done;
    }

    /// <summary>The number in a <see cref="Effect"/> payload.</summary>
    public static int Of(string payload) => (int)JsonNode.Parse(payload)!["mark"]!;
}
