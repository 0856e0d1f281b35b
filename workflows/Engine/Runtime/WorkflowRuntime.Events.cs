using PublicServices.WorkflowEngine.Execution;
using PublicServices.WorkflowEngine.Persistence;
using PublicServices.WorkflowEngine.Stores;

namespace PublicServices.WorkflowEngine.Runtime;

/// <summary>Events that resume waiting activities.</summary>
public sealed partial class WorkflowRuntime
{
    /// <summary>
    /// Delivers an event: every activity waiting for <see cref="DeliverEventRequest.Name"/> with the correlation id
    /// resumes, exactly once per instance and event id.
    /// </summary>
    /// <remarks>
    /// On PostgreSQL, events delivered at the same time in this process share transactions (<see cref="GroupCommit{TRequest, TResult}"/>
    /// through <see cref="DeliverEventsAsync"/>). Each caller gets its own event's result.
    /// </remarks>
    public Task<DeliverEventResult> DeliverEventAsync(DeliverEventRequest request, CancellationToken ct = default) => eventGroup.RunAsync(request, ct);

    /// <summary>Events per transaction in <see cref="DeliverEventsAsync"/> (bounded by the statement's parameter count, 65,535).</summary>
    const int EventsPerBatch = 64;

    /// <summary>
    /// Delivers many events, with the same outcome as <see cref="DeliverEventAsync"/> for each one in turn (exactly
    /// once per instance and event id), but where the store allows it in few transactions: per <see cref="EventsPerBatch"/>
    /// events one transaction locks every waiting instance, consumes their bookmarks, runs them and writes them all in
    /// two round trips. An event the batch could not settle (an instance waiting for two of its events, a redelivery,
    /// an activity that failed) is delivered on its own afterwards. Results are in the order of the requests.
    /// </summary>
    public async Task<IReadOnlyList<DeliverEventResult>> DeliverEventsAsync(IReadOnlyList<DeliverEventRequest> requests, CancellationToken ct = default)
    {
        var results = new DeliverEventResult[requests.Count];
        var alone = new List<int>();
        if (!store.GroupsCommits) alone.AddRange(Enumerable.Range(0, requests.Count));
        else
        {
            await using var scope = databases.Open();
            for (var from = 0; from < requests.Count; from += EventsPerBatch)
            {
                var chunk = requests.Skip(from).Take(EventsPerBatch).ToList();
                foreach (var i in await DeliverEventBatchAsync(scope, chunk, results.AsMemory(from, chunk.Count), ct)) alone.Add(from + i);
            }
        }
        foreach (var i in alone)
        {
            var more = await DeliverEventAloneAsync(requests[i], ct);
            results[i] = results[i] is { } batch ? new DeliverEventResult(batch.Resumed + more.Resumed, batch.Duplicates + more.Duplicates) : more;
        }
        return results;
    }

    /// <summary>One transaction for a batch of events; returns the positions of the events left to deliver one by one.</summary>
    async Task<IReadOnlyList<int>> DeliverEventBatchAsync(WorkflowDbScope scope, List<DeliverEventRequest> requests, Memory<DeliverEventResult> results,
        CancellationToken ct)
    {
        try
        {
            await using var session = await store.OpenSessionAsync(scope, ct);
            var (matched, resumptions) = await session.OpenEventsAsync([.. requests.Select(r => new EventKey(r.Name, r.CorrelationId, r.EventId))], ct);
            var bursts = new List<BurstExecution>(resumptions.Count);
            var now = Now();
            foreach (var (index, instance, consumed) in resumptions)
            {
                var request = requests[index];
                var definition = await definitions.GetAsync(scope.Db, instance.DefinitionVersionId, ct);
                var burst = new BurstExecution(services, instance, definition, request.Actor ?? SystemActor, now, recordFaults: false);
                Delivery(request, instance.Id)(burst, consumed);
                burst.Run(); // a fault: rolled back below, and every event of the batch goes alone (which records it)
                burst.Complete();
                bursts.Add(burst);
            }
            if (bursts.Count > 0) await session.WriteAsync(bursts, newInstances: false, [], ct);
            else await session.RollbackAsync();

            var span = results.Span;
            span.Fill(new DeliverEventResult(0, 0));
            foreach (var r in resumptions) span[r.Event] = span[r.Event] with { Resumed = span[r.Event].Resumed + r.Consumed.Count };
            // Instances waiting for an event that did not take it (a redelivery, or it took an earlier event of this
            // batch): the event goes alone, after this commit.
            return [.. matched.Where(m => m.Value > resumptions.Count(r => r.Event == m.Key)).Select(m => m.Key).Order()];
        }
        catch (Exception e) when (e is ActivityFaultException || DatabaseErrors.IsUniqueViolation(e))
        {
            results.Span.Clear();
            return [.. Enumerable.Range(0, requests.Count)];
        }
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
    /// <see cref="DeliverEventAsync"/> in transactions of its own, instance after instance (by id): a session locks
    /// the next instance waiting for the event, reads it and deletes its bookmarks for the event, then the burst is
    /// written and committed. The opening also tells whether more instances wait, so the usual single instance costs
    /// one transaction.
    /// </summary>
    async Task<DeliverEventResult> DeliverEventAloneAsync(DeliverEventRequest request, CancellationToken ct)
    {
        var actor = request.Actor ?? SystemActor;
        int resumed = 0, duplicates = 0, races = 0;
        var after = Guid.Empty;
        var recordFaults = false;
        while (true)
        {
            Guid? current = null;
            var candidates = 0;
            try
            {
                await using var scope = databases.Open();
                await using var session = await store.OpenSessionAsync(scope, ct);
                var opened = await session.OpenEventAsync(request.Name, request.CorrelationId, after, ct);
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
                    var run = await FinishBurstAsync(scope, session, opened.Instance, actor, opened.Consumed, Delivery(request, locked), recordFaults, ct);
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
