using System.Text.Json.Nodes;
using PublicServices.WorkflowEngine.Definitions;

namespace PublicServices.WorkflowEngine.Execution;

/// <summary>A task's deadline passing: not a step of the flowchart, but journaled and handed to the task's activity.</summary>
internal sealed partial class BurstExecution
{
    /// <summary>
    /// A task's deadline passed: it is journaled and marked, stays open, and the activity that created it may react
    /// (<see cref="WorkflowActivity.Escalated"/>), e.g. by notifying; its effects get ids from the journal line.
    /// </summary>
    public void Escalate(Guid taskId)
    {
        var wait = FindWait(WaitKind.Task, taskId);
        if (wait is null) return;
        wait.Escalation = false;
        EscalatedTasks.Add(taskId);
        var node = Flowchart.Activities.GetValueOrDefault(wait.ActivityId);
        var seq = AddJournal(JournalEvents.TaskEscalated, wait.ActivityId, node?.Type, new JsonObject { ["task"] = taskId });
        if (node is null || Services.Registry.Find(node.Type) is not { } activity) return;
        var context = new ActivityContext(this, node, seq, null);
        activity.Escalated(context, taskId);
        ApplyChanges(context, seq);
    }
}
