using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using PublicServices.WorkflowEngine.Execution;
using PublicServices.WorkflowEngine.Json;
using PublicServices.WorkflowEngine.Stores;

namespace PublicServices.Workflow.Data;

/// <summary>
/// Puts the effects of a workflow step into the outbox, in the step's own transaction: they leave the service only
/// if the step commits, and they keep the runtime's deterministic ids, so a step that runs again after a crash
/// produces the same rows (the key refuses a second copy) and consumers deduplicate on the id.
/// </summary>
sealed class OutboxEffectWriter : IWorkflowEffectWriter
{
    /// <summary>
    /// Effects of one burst share its time (e.g. "processed" then "result returned"). The dispatcher sends in
    /// (occurredAt, id) order and consumers order timelines by the payload's "at", while ids are hashes; a
    /// microsecond per position keeps both in the order the steps ran.
    /// </summary>
    static readonly TimeSpan Step = TimeSpan.FromMicroseconds(1);

    public ValueTask WriteAsync(DbContext db, IReadOnlyList<WorkflowEffect> effects, CancellationToken cancellationToken)
    {
        var outbox = db.Set<OutboxMessage>();
        for (var i = 0; i < effects.Count; i++)
        {
            var effect = effects[i];
            var occurredAt = effect.OccurredAt.ToUniversalTime() + i * Step;
            outbox.Add(new OutboxMessage
            {
                Id = effect.Id,
                Type = effect.Type,
                Payload = i == 0 ? effect.Payload : Stamped(effect, occurredAt),
                OccurredAt = occurredAt,
            });
        }
        return ValueTask.CompletedTask;
    }

    /// <summary>The payload with its "at" moved to <paramref name="at"/> when it is the burst's time; otherwise unchanged.</summary>
    static string Stamped(WorkflowEffect effect, DateTimeOffset at)
    {
        if (JsonNode.Parse(effect.Payload) is not JsonObject payload || payload["at"] is not JsonValue value
            || !value.TryGetValue<DateTimeOffset>(out var stated) || stated != effect.OccurredAt)
            return effect.Payload;
        payload["at"] = at;
        return payload.ToJsonString(WorkflowJson.Options);
    }
}
