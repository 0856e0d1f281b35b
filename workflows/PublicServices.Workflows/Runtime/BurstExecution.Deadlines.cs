using System.Text.Json.Nodes;
using PublicServices.Workflows.Activities.Domain;
using PublicServices.Workflows.Calendar;

namespace PublicServices.Workflows.Runtime;

/// <summary>Deadline events that are not steps of the flowchart: a step's escalation and the dossier's apology letter.</summary>
internal sealed partial class BurstExecution
{
    /// <summary>A task's budget ran out: journal it and notify; the task stays open.</summary>
    public void Escalate(Guid taskId)
    {
        var wait = FindWait(WaitKind.Task, taskId);
        if (wait is null) return;
        wait.Escalation = false;
        EscalatedTasks.Add(taskId);
        var node = Flowchart.Activities.GetValueOrDefault(wait.ActivityId);
        var seq = AddJournal(JournalEvents.TaskEscalated, wait.ActivityId, node?.Type, new JsonObject { ["task"] = taskId });
        // The officers to tell are a role at an agency, not one person: "to" stays empty and data says who.
        var payload = new JsonObject
        {
            ["dossierId"] = Instance.CorrelationId,
            ["template"] = "task-overdue",
            ["to"] = null,
            ["data"] = new JsonObject
            {
                ["taskId"] = taskId, ["activityId"] = wait.ActivityId, ["dossierCode"] = Instance.DossierCode,
                ["agencyCode"] = Instance.AgencyCode, ["role"] = node?.LiteralText("role"),
            },
        };
        Effects.Add(new WorkflowEffect(DeterministicId.For(Instance.Id, seq, 0, DeterministicId.Effect), EffectTypes.NotificationRequested,
            WorkflowJson.Write(payload), Now, Instance.Id, Instance.CorrelationId));
    }

    /// <summary>Moves the statutory due date by an apology letter (once, by the calendar's rules).</summary>
    public ApologyDecision? Apologize(DateTimeOffset newDueAt, string? reason)
    {
        if (Clock is null) return null;
        var decision = Clock.Apologize(Services.Calendar, Now, newDueAt);
        if (!decision.Accepted) return decision;
        Clock = decision.Clock;
        var seq = AddJournal(JournalEvents.DueDateMoved, null, null, new JsonObject { ["dueAt"] = Clock.DueAt.ToUniversalTime(), ["reason"] = reason });
        if (Instance.DossierStatus is { } status)
        {
            var payload = new JsonObject
            {
                ["dossierId"] = Instance.CorrelationId, ["status"] = status, ["at"] = Now.ToUniversalTime(), ["actorId"] = Actor.Id,
                ["actorName"] = Actor.Name, ["note"] = "Thư xin lỗi, hẹn lại ngày trả kết quả", ["reason"] = reason,
                ["dueAt"] = Clock.DueAt.ToUniversalTime(), ["supplement"] = null,
            };
            Effects.Add(new WorkflowEffect(DeterministicId.For(Instance.Id, seq, 0, DeterministicId.Effect), EffectTypes.DossierStatusChanged,
                WorkflowJson.Write(payload), Now, Instance.Id, Instance.CorrelationId));
        }
        return decision;
    }
}
