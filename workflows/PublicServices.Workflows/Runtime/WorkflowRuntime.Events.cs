using Microsoft.EntityFrameworkCore;
using PublicServices.Workflows.Persistence;

namespace PublicServices.Workflows.Runtime;

/// <summary>Events that resume waiting activities.</summary>
public sealed partial class WorkflowRuntime
{
    /// <summary>
    /// Delivers an event: every activity waiting for <see cref="DeliverEventRequest.Name"/> with the correlation id
    /// resumes, exactly once per instance and event id.
    /// </summary>
    public async Task<DeliverEventResult> DeliverEventAsync(DeliverEventRequest request, CancellationToken ct = default)
    {
        List<(Guid Id, Guid InstanceId)> bookmarks;
        await using (var scope = databases.Open())
            bookmarks = [.. (await scope.Db.Set<Bookmark>().AsNoTracking()
                .Where(b => b.Name == request.Name && b.CorrelationId == request.CorrelationId)
                .Select(b => new { b.Id, b.InstanceId }).ToListAsync(ct)).Select(b => (b.Id, b.InstanceId))];
        int resumed = 0, duplicates = 0;
        foreach (var group in bookmarks.GroupBy(b => b.InstanceId))
        {
            try
            {
                var consume = Consumption.Bookmarks([.. group.Select(b => b.Id)]);
                var run = await RunBurstAsync(group.Key, request.Actor ?? WorkflowActor.System, consume, (burst, consumed) =>
                {
                    foreach (var id in consumed)
                        if (burst.FindWait(WaitKind.Event, id) is { } wait) burst.Resume(wait, request.Payload?.DeepClone());
                    // A second delivery of this event id fails on this row's key and rolls everything back.
                    burst.Receipts.Add(new EventReceipt { EventId = request.EventId, InstanceId = group.Key, ReceivedAt = burst.Now });
                    return true;
                }, ct);
                if (run.Outcome == BurstOutcome.Committed) resumed += run.Consumed;
            }
            catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
            {
                duplicates++;
            }
        }
        return new DeliverEventResult(resumed, duplicates);
    }
}
