using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using PublicServices.Contracts.Dossiers;
using PublicServices.Contracts.Events;
using PublicServices.Dossiers.Clients;
using PublicServices.Dossiers.Data;
using PublicServices.Dossiers.Resources;
using PublicServices.ServiceDefaults;
using SupplementResult = Microsoft.AspNetCore.Http.HttpResults.Results<
    Microsoft.AspNetCore.Http.HttpResults.Accepted<PublicServices.Dossiers.Domain.Supplements.SupplementDto>,
    Microsoft.AspNetCore.Http.HttpResults.ValidationProblem,
    Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult>;

namespace PublicServices.Dossiers.Domain.Supplements;

/// <summary>
/// The applicant answers the open supplement request of their dossier: the documents are attached through the
/// documents service, then the answer, the dossier's new documents, a timeline entry and the SupplementSubmitted
/// event are stored in ONE transaction. The workflow restarts the statutory clock when it receives the event.
/// </summary>
public sealed class SupplementSubmitter(DossiersDb db, DocumentAttachments attachments, IOptions<DossiersOptions> options, TimeProvider clock,
    IStringLocalizer<Messages> text)
{
    public async Task<SupplementResult> SubmitAsync(ClaimsPrincipal user, Guid dossierId, SubmitSupplementRequest answer, CancellationToken cancel)
    {
        var applicantId = user.SubjectId();
        var dossier = await db.Dossiers.AsTracking().FirstOrDefaultAsync(d => d.Id == dossierId && d.ApplicantId == applicantId, cancel);
        if (dossier is null)
            return Problems.NotFound(text["Dossier.NotFound"]);
        if (dossier.Status != DossierStatus.SupplementRequested || dossier.SupplementRequest is null)
            return NotAwaited();
        var request = StoredJson.Read<SupplementRequest>(dossier.SupplementRequest);
        var errors = SupplementRules.Check(request, answer, options.Value.MaxDocuments, text);
        if (errors.Count > 0)
            return Problems.Validation(errors);

        var claimed = answer.Documents?.OfType<DocumentRef>().ToList() ?? [];
        var attachment = await attachments.AttachAsync(dossier.Id, dossier.Code, dossier.ApplicantId, dossier.AgencyCode, dossier.ProcedureCode,
            claimed.Filed(), cancel);
        if (attachment.Refusal is { } refused)
            return AttachmentProblems.FieldErrors(attachment, claimed, text) is { } fieldErrors
                ? Problems.Validation(fieldErrors)
                : AttachmentProblems.Problem(refused, text, Unavailable());
        var attached = attachment.Documents.Select(d => d.AsStored()).ToList();

        var now = clock.StoredNow();
        var note = string.IsNullOrWhiteSpace(answer.Note) ? null : answer.Note.Trim();
        var supplement = new Supplement
        {
            Id = Guid.CreateVersion7(now), DossierId = dossier.Id, RequestId = request.Id, Note = note,
            Documents = StoredJson.Write(attached), SubmittedAt = now,
        };
        db.Supplements.Add(supplement);
        dossier.Documents = StoredJson.Write(StoredJson.Read<List<DossierDocument>>(dossier.Documents).Concat(attached).ToList());
        dossier.SupplementRequest = null;
        db.Timeline.Add(new TimelineEntry
        {
            Id = Guid.CreateVersion7(now), DossierId = dossier.Id, Status = dossier.Status, At = now, ActorId = applicantId!,
            ActorName = user.FindFirst(Claims.Name)?.Value ?? dossier.ApplicantName, Note = note, Kind = TimelineKinds.SupplementSubmitted,
        });
        db.Outbox.Add(new OutboxMessage
        {
            Id = Guid.CreateVersion7(now),
            Type = SupplementSubmittedV1.Type,
            Payload = StoredJson.Write(new SupplementSubmittedV1(dossier.Id, dossier.Code, supplement.Id, [.. attached.Select(a => a.DocumentId)], note, now)),
            OccurredAt = now,
        });
        try
        {
            await db.SaveChangesAsync(cancel);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // Another answer to the same request committed first (the unique request id); nothing of ours was written.
            db.ChangeTracker.Clear();
            return NotAwaited();
        }
        return TypedResults.Accepted($"/api/dossiers/{dossier.Id}",
            new SupplementDto(supplement.Id, dossier.Id, request.Id, note, attached, now));
    }

    ProblemHttpResult NotAwaited() => Problems.Problem(StatusCodes.Status409Conflict, text["Supplement.NotAwaited"]);

    ProblemHttpResult Unavailable() => Problems.Problem(StatusCodes.Status503ServiceUnavailable, text["Supplement.Unavailable"]);
}
