using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PublicServices.Contracts.Dossiers;
using PublicServices.Contracts.Events;
using PublicServices.Dossiers.Data;
using PublicServices.Dossiers.Resources;
using PublicServices.ServiceDefaults;
using PublicServices.ServiceDefaults.Resources;

namespace PublicServices.Dossiers.Events;

/// <summary>
/// Mirrors the workflow's view of a dossier: its status, its due date, its open supplement request, and a timeline
/// entry for every change. Idempotent on the event id (the inbox), and tolerant of late arrivals: an event older
/// than the dossier's latest timeline entry still enters the timeline but no longer changes the current status. A
/// change the status machine does not allow from the dossier's status is refused (422, so the producer does not
/// retry it) and logged, and nothing of it is stored.
/// </summary>
public sealed class DossierStatusChangedHandler(DossiersDb db, TimeProvider clock, IStringLocalizer<Messages> text,
    IStringLocalizer<SharedMessages> shared, ILogger<DossierStatusChangedHandler> logger) : IEventConsumer
{
    public IReadOnlyCollection<string> Types { get; } = [DossierStatusChangedV1.Type];

    public async Task<IResult> HandleAsync(EventEnvelope envelope, ClaimsPrincipal sender, CancellationToken cancel) => await HandleAsync(envelope, cancel);

    async Task<Results<Ok, ValidationProblem, ProblemHttpResult>> HandleAsync(EventEnvelope envelope, CancellationToken cancel)
    {
        var change = envelope.PayloadAs<DossierStatusChangedV1>();
        if (change is null)
            return Problems.Validation("payload", shared["Event.PayloadShape"]);
        var errors = StatusChangeRules.Check(change, text);
        if (errors.Count > 0)
            return Problems.Validation(errors);

        var found = true;
        DossierStatus? refusedFrom = null;
        await db.HandleOnceAsync(envelope, async c =>
        {
            var dossier = await db.Dossiers.AsTracking().FirstOrDefaultAsync(d => d.Id == change.DossierId, c);
            if (dossier is null)
                return found = false;
            var latest = await db.Timeline.Where(t => t.DossierId == dossier.Id).OrderByDescending(t => t.At).Select(t => t.At).FirstOrDefaultAsync(c);
            // PostgreSQL stores instants in UTC; the workflow may send Vietnamese wall-clock offsets.
            var at = change.At.ToUniversalTime();
            var status = (DossierStatus)change.Status;
            var current = at >= latest;
            if (current && !DossierStatusMachine.Allows(dossier.Status, status))
            {
                refusedFrom = dossier.Status;
                return false;
            }
            var actorName = string.IsNullOrWhiteSpace(change.ActorName) ? change.ActorId! : change.ActorName;
            var reason = StatusChangeRules.ReasonOf(change);
            db.Timeline.Add(new TimelineEntry
            {
                Id = Guid.CreateVersion7(at), DossierId = dossier.Id, Status = status, At = at,
                ActorId = change.ActorId!, ActorName = actorName, Note = change.Note, Reason = reason,
            });
            if (current)
            {
                dossier.Status = status;
                dossier.DueAt = change.DueAt?.ToUniversalTime();
                dossier.SupplementRequest = status == DossierStatus.SupplementRequested
                    ? StoredJson.Write(new SupplementRequest(envelope.Id, reason!, change.Supplement?.Documents ?? [], at, change.ActorId!, actorName))
                    : null;
            }
            return true;
        }, clock.GetUtcNow(), cancel);
        if (refusedFrom is { } from)
        {
            logger.LogWarning("Event {Id}: dossier {Dossier} is {From} and may not change to {To}; the change is refused", envelope.Id, change.DossierId,
                from, (DossierStatus)change.Status);
            return Problems.Problem(StatusCodes.Status422UnprocessableEntity, text["Status.IllegalTransition", (int)from, change.Status]);
        }
        return found ? TypedResults.Ok() : Problems.NotFound(text["Dossier.NotFound"]);
    }
}
