using Microsoft.EntityFrameworkCore;
using PublicServices.Workflows.Persistence;

namespace PublicServices.Workflows.Runtime;

/// <summary>
/// What a trigger consumes first in its burst: the task, bookmarks or timer that must still be open for the trigger
/// to count. It is a conditional UPDATE/DELETE returning the ids it hit, so of two triggers for the same wait only
/// the first changes a row; the second gets no ids and its burst ends without writing anything.
/// </summary>
/// <param name="PostgresSql">The statement for PostgreSQL (named parameters, <c>RETURNING id</c>), sent in the burst's first batch.</param>
/// <param name="Parameters">Its parameters.</param>
/// <param name="Portable">The same through EF Core, for other providers.</param>
internal sealed record Consumption(
    string PostgresSql,
    IReadOnlyList<(string Name, object? Value)> Parameters,
    Func<DbContext, CancellationToken, Task<IReadOnlyList<Guid>>> Portable)
{
    /// <summary>An open task, or one claimed by the completing officer, becomes Completed with the officer's answer.</summary>
    public static Consumption TaskCompletion(Guid taskId, CompleteTaskRequest request, string attachments, DateTimeOffset now)
    {
        var actor = request.Actor;
        return new Consumption(
            $"""
            UPDATE {WorkflowModel.Tasks} SET status = 2, outcome = @outcome, comment = @comment, attachments = @attachments,
                completed_by = @actor, completed_by_name = @actorName, completed_at = @now
            WHERE id = @task AND (status = 0 OR (status = 1 AND claimed_by = @actor)) RETURNING id
            """,
            [("outcome", request.Outcome), ("comment", request.Comment), ("attachments", attachments), ("actor", actor.Id),
                ("actorName", actor.Name), ("now", now.ToUniversalTime()), ("task", taskId)],
            async (db, ct) => await db.Set<WorkflowTask>()
                .Where(t => t.Id == taskId && (t.Status == WorkflowTaskStatus.Open || (t.Status == WorkflowTaskStatus.Claimed && t.ClaimedBy == actor.Id)))
                .ExecuteUpdateAsync(u => u
                    .SetProperty(t => t.Status, WorkflowTaskStatus.Completed)
                    .SetProperty(t => t.Outcome, request.Outcome)
                    .SetProperty(t => t.Comment, request.Comment)
                    .SetProperty(t => t.Attachments, attachments)
                    .SetProperty(t => t.CompletedBy, actor.Id)
                    .SetProperty(t => t.CompletedByName, actor.Name)
                    .SetProperty(t => t.CompletedAt, now), ct) == 1 ? [taskId] : []);
    }

    /// <summary>Bookmarks still present are deleted; the ids deleted are the waits to resume.</summary>
    public static Consumption Bookmarks(Guid[] ids) => new(
        $"DELETE FROM {WorkflowModel.Bookmarks} WHERE id = ANY(@ids) RETURNING id", [("ids", ids)],
        async (db, ct) =>
        {
            var hit = new List<Guid>();
            foreach (var id in ids)
                if (await db.Set<Bookmark>().Where(b => b.Id == id).ExecuteDeleteAsync(ct) == 1) hit.Add(id);
            return hit;
        });

    /// <summary>A timer still present is deleted: whoever deletes it fires it.</summary>
    public static Consumption Timer(Guid id) => new(
        $"DELETE FROM {WorkflowModel.Timers} WHERE id = @timer RETURNING id", [("timer", id)],
        async (db, ct) => await db.Set<WorkflowTimer>().Where(t => t.Id == id).ExecuteDeleteAsync(ct) == 1 ? [id] : []);
}
