using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PublicServices.Dossiers.Data;
using PublicServices.Dossiers.Domain;
using PublicServices.ServiceDefaults;

namespace PublicServices.Dossiers.Events;

/// <summary>
/// Mirrors the workflow's view of a dossier: its status, its due date, its open supplement request, and a timeline
/// entry for every change. Idempotent on the event id (the inbox), and tolerant of late arrivals: an event older
/// than the dossier's latest timeline entry still enters the timeline but no longer changes the current status.
/// </summary>
public sealed class DossierStatusChangedHandler(DossiersDb db, TimeProvider clock) : IEventConsumer
{
    public IReadOnlyCollection<string> Types { get; } = [DossierStatusChangedV1.Type];

    public async Task<IResult> HandleAsync(EventEnvelope envelope, ClaimsPrincipal sender, CancellationToken cancel) => await HandleAsync(envelope, cancel);

    async Task<Results<Ok, ValidationProblem, ProblemHttpResult>> HandleAsync(EventEnvelope envelope, CancellationToken cancel)
    {
        var change = envelope.PayloadAs<DossierStatusChangedV1>();
        if (change is null)
            return Problems.Validation(new Dictionary<string, string[]>
            {
                ["payload"] = [Problems.Text("Nội dung sự kiện không đúng định dạng.", "The payload does not have the expected shape.")],
            });
        var errors = StatusChangeRules.Check(change);
        if (errors.Count > 0)
            return Problems.Validation(errors);

        var found = true;
        await db.HandleOnceAsync(envelope, async c =>
        {
            var dossier = await db.Dossiers.AsTracking().FirstOrDefaultAsync(d => d.Id == change.DossierId, c);
            if (dossier is null)
                return found = false;
            var latest = await db.Timeline.Where(t => t.DossierId == dossier.Id).OrderByDescending(t => t.At).Select(t => t.At).FirstOrDefaultAsync(c);
            // PostgreSQL stores instants in UTC; the workflow may send Vietnamese wall-clock offsets.
            var at = change.At.ToUniversalTime();
            var status = (DossierStatus)change.Status;
            var actorName = string.IsNullOrWhiteSpace(change.ActorName) ? change.ActorId! : change.ActorName;
            var reason = StatusChangeRules.ReasonOf(change);
            db.Timeline.Add(new TimelineEntry
            {
                Id = Guid.CreateVersion7(at), DossierId = dossier.Id, Status = status, At = at,
                ActorId = change.ActorId!, ActorName = actorName, Note = change.Note, Reason = reason,
            });
            if (at >= latest)
            {
                dossier.Status = status;
                dossier.DueAt = change.DueAt?.ToUniversalTime();
                dossier.SupplementRequest = status == DossierStatus.SupplementRequested
                    ? StoredJson.Write(new SupplementRequest(envelope.Id, reason!, change.Supplement?.Documents ?? [], at, change.ActorId!, actorName))
                    : null;
            }
            return true;
        }, clock.GetUtcNow(), cancel);
        return found ? TypedResults.Ok() : Problems.NotFound(Problems.Text($"Không tìm thấy hồ sơ", "The dossier was not found"));
    }
}
