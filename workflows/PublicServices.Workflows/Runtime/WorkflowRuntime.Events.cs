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
        {
            if (locks.LocksInBatch(scope.Db)) return await DeliverEventPgAsync(scope, request, ct);
            bookmarks = [.. (await scope.Db.Set<Bookmark>().AsNoTracking()
                .Where(b => b.Name == request.Name && b.CorrelationId == request.CorrelationId)
                .Select(b => new { b.Id, b.InstanceId }).ToListAsync(ct)).Select(b => (b.Id, b.InstanceId))];
        }
        int resumed = 0, duplicates = 0;
        foreach (var group in bookmarks.GroupBy(b => b.InstanceId))
        {
            try
            {
                var consume = Consumption.Bookmarks([.. group.Select(b => b.Id)]);
                var run = await RunBurstAsync(group.Key, request.Actor ?? WorkflowActor.System, consume, Delivery(request, group.Key), ct);
                if (run.Outcome == BurstOutcome.Committed) resumed += run.Consumed;
            }
            catch (Exception e) when (DatabaseErrors.IsUniqueViolation(e))
            {
                duplicates++;
            }
        }
        return new DeliverEventResult(resumed, duplicates);
    }

    /// <summary>Resumes the consumed waits with the event's payload and records its receipt.</summary>
    static Func<BurstExecution, IReadOnlyList<Guid>, bool> Delivery(DeliverEventRequest request, Guid instanceId) => (burst, consumed) =>
    {
        foreach (var id in consumed)
            if (burst.FindWait(WaitKind.Event, id) is { } wait) burst.Resume(wait, request.Payload?.DeepClone());
        // A second delivery of this event id fails on this row's key and rolls everything back.
        burst.Receipts.Add(new EventReceipt { EventId = request.EventId, InstanceId = instanceId, ReceivedAt = burst.Now });
        return true;
    };

    /// <summary>
    /// PostgreSQL: instance after instance (by id), a first batch locks the next instance waiting for the event,
    /// reads it and deletes its bookmarks for the event; a second batch writes the burst and commits. The first
    /// batch also tells whether more instances wait, so the usual single instance costs two round trips.
    /// </summary>
    async Task<DeliverEventResult> DeliverEventPgAsync(WorkflowDbScope scope, DeliverEventRequest request, CancellationToken ct)
    {
        var actor = request.Actor ?? WorkflowActor.System;
        int resumed = 0, duplicates = 0, races = 0;
        var after = Guid.Empty;
        var recordFaults = false;
        while (true)
        {
            Guid? current = null;
            var candidates = 0;
            try
            {
                await using var pg = await PgBurst.ConnectAsync(scope.Db, ct);
                var opened = await pg.OpenEventAsync(request.Name, request.CorrelationId, after, Options.LockTimeout, ct);
                if (opened.Locked is not { } locked) break;
                (current, candidates) = (locked, opened.Candidates);
                if (opened.Instance is { } instance && instance.Id != locked)
                {
                    // Waits of another instance came or went between the lock and the delete: look again.
                    if (++races > 100) throw new InvalidOperationException($"Event {request.Name} for {request.CorrelationId}: the waiting instances keep changing.");
                    continue;
                }
                if (opened.Instance is not null)
                {
                    var run = await FinishBurstAsync(scope, pg, opened.Instance, actor, opened.Consumed,
                        Delivery(request, locked), recordFaults, ct);
                    if (run is null)
                    {
                        recordFaults = true; // an activity threw: rolled back; run again, recording it
                        continue;
                    }
                    if (run.Value.Outcome == BurstOutcome.Committed) resumed += run.Value.Consumed;
                }
            }
            catch (Exception e) when (DatabaseErrors.IsUniqueViolation(e))
            {
                // This instance has received the event already: rolled back, and on to the next one.
                duplicates++;
            }
            recordFaults = false;
            after = current!.Value;
            if (candidates <= 1) break;
        }
        return new DeliverEventResult(resumed, duplicates);
    }
}
