using System.Text.Json.Nodes;
using PublicServices.WorkflowEngine.Definitions;
using PublicServices.WorkflowEngine.Execution;
using PublicServices.WorkflowEngine.Json;

namespace PublicServices.WorkflowEngine.Tests.Support;

/// <summary>
/// A test activity (<c>Test.Task</c>): a task for <c>role</c> at <c>unit</c> (the instance's unit when none is given)
/// that continues through the outcome chosen among <c>outcomes</c>. With a <c>deadline</c> (a duration), the task is
/// due that long after it opens, and its escalation emits <see cref="EscalatedEffect"/>.
/// </summary>
public sealed class TestTask : WorkflowActivity
{
    public const string TypeName = "Test.Task";

    /// <summary>The effect an escalation emits: <c>{taskId, activityId}</c>.</summary>
    public const string EscalatedEffect = "Test.TaskEscalated.v1";

    public override string Type => TypeName;

    public override bool IsWaiting => true;

    public override bool HasOutcomes => true;

    public override IReadOnlyList<string> Ports(ActivityNode node) => node.LiteralList("outcomes") ?? [];

    public override ActivityResult Execute(ActivityContext context)
    {
        var id = context.Activity.Id;
        var unit = context.GetText("unit") ?? context.Unit ?? throw new InvalidOperationException($"Task '{id}' has no unit.");
        var role = context.GetText("role") ?? throw new InvalidOperationException($"Task '{id}' has no role.");
        DateTimeOffset? due = context.GetTimeSpan("deadline") is { } deadline ? context.Now + deadline : null;
        var title = context.GetLocalizedText("title") ?? new LocalizedText(id, id);
        return ActivityResult.Suspend(new TaskWait(unit, role, context.GetList("outcomes"), title, due));
    }

    public override ActivityResult Resume(ActivityContext context, JsonNode? payload)
    {
        var completion = (JsonObject)payload!;
        context.SetLastTask((JsonObject)completion.DeepClone());
        var outcome = (string)completion["outcome"]!;
        context.Record("outcome", outcome);
        return ActivityResult.Continue(outcome);
    }

    public override void Escalated(ActivityContext context, Guid taskId) =>
        context.Emit(EscalatedEffect, new JsonObject { ["taskId"] = taskId, ["activityId"] = context.Activity.Id });
}
