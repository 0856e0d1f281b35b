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
/// than the dossier's latest timeline entry still enters the timeline but no longer changes the current status. The
/// workflow may claim only what the status machine allows: a current change from the dossier's stored status, a late
/// one where it falls in the timeline (after the status before it, before the one after it, never before the filing).
/// Anything else is refused for good (422 naming <c>from</c> and <c>to</c>, so the producer does not retry it) and
/// logged, and nothing of it is stored.
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
        Refusal? refused = null;
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
            refused = current
                ? DossierStatusMachine.Allows(dossier.Status, status) ? null : new Refusal(dossier.Status, status, Late: false)
                : await LateRefusalAsync(dossier.Id, at, status, c);
            if (refused is not null)
                return false;
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
        if (refused is { } r)
        {
            logger.LogWarning("Event {Id}: dossier {Dossier} may not change from {From} to {To} (late: {Late}); the change is refused",
                envelope.Id, change.DossierId, r.From, r.To, r.Late);
            var title = r switch
            {
                { From: null } => text["Status.BeforeFiling", change.Status],
                { Late: true } => text["Status.LateDoesNotFit", change.Status, (int)r.From, (int)r.To],
                _ => text["Status.IllegalTransition", (int)r.From, (int)r.To],
            };
            return Problems.Problem(StatusCodes.Status422UnprocessableEntity, title,
                extensions: new Dictionary<string, object?>(StringComparer.Ordinal) { ["from"] = (int?)r.From, ["to"] = (int)r.To });
        }
        return found ? TypedResults.Ok() : Problems.NotFound(text["Dossier.NotFound"]);
    }

    /// <summary>The transition a status change refused: From is null when nothing may precede it (dated before the filing).</summary>
    sealed record Refusal(DossierStatus? From, DossierStatus To, bool Late);

    /// <summary>
    /// Whether a late status fits between the status changes around it: the one before it must allow it, and it must
    /// allow the one after it. A status dated before the dossier's first entry (its filing) never fits.
    /// </summary>
    async Task<Refusal?> LateRefusalAsync(Guid dossierId, DateTimeOffset at, DossierStatus status, CancellationToken cancel)
    {
        var changes = db.Timeline.Where(t => t.DossierId == dossierId && t.Kind == null);
        var before = await changes.Where(t => t.At <= at).OrderByDescending(t => t.At).Select(t => (DossierStatus?)t.Status).FirstOrDefaultAsync(cancel);
        if (before is not { } from)
            return new Refusal(null, status, Late: true);
        if (!DossierStatusMachine.Allows(from, status))
            return new Refusal(from, status, Late: true);
        var after = await changes.Where(t => t.At > at).OrderBy(t => t.At).Select(t => (DossierStatus?)t.Status).FirstOrDefaultAsync(cancel);
        return after is { } next && !DossierStatusMachine.Allows(status, next) ? new Refusal(status, next, Late: true) : null;
    }
}
