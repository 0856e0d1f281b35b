using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PublicServices.Dossiers.Clients;
using PublicServices.Dossiers.Data;
using PublicServices.Dossiers.Domain;
using PublicServices.Dossiers.Drafts;
using PublicServices.ServiceDefaults;
using Refit;
using SupplementResult = Microsoft.AspNetCore.Http.HttpResults.Results<
    Microsoft.AspNetCore.Http.HttpResults.Accepted<PublicServices.Dossiers.Supplements.SupplementDto>,
    Microsoft.AspNetCore.Http.HttpResults.ValidationProblem,
    Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult>;

namespace PublicServices.Dossiers.Supplements;

/// <summary>
/// The applicant answers the open supplement request of their dossier: the documents are attached through the
/// documents service, then the answer, the dossier's new documents, a timeline entry and the SupplementSubmitted
/// event are stored in ONE transaction. The workflow restarts the statutory clock when it receives the event.
/// </summary>
public sealed class SupplementSubmitter(DossiersDb db, IDocumentsApi documents, IOptions<DossiersOptions> options, TimeProvider clock,
    ILogger<SupplementSubmitter> logger)
{
    public async Task<SupplementResult> SubmitAsync(ClaimsPrincipal user, Guid dossierId, SubmitSupplementRequest answer, CancellationToken cancel)
    {
        var applicantId = user.SubjectId();
        var dossier = await db.Dossiers.AsTracking().FirstOrDefaultAsync(d => d.Id == dossierId && d.ApplicantId == applicantId, cancel);
        if (dossier is null)
            return Problems.NotFound(Problems.Text($"Không tìm thấy hồ sơ", "The dossier was not found"));
        if (dossier.Status != DossierStatus.SupplementRequested || dossier.SupplementRequest is null)
            return NotAwaited();
        var request = StoredJson.Read<SupplementRequest>(dossier.SupplementRequest);
        var errors = SupplementRules.Check(request, answer, options.Value.MaxDocuments);
        if (errors.Count > 0)
            return Problems.Validation(errors);

        var claimed = answer.Documents?.OfType<DocumentRef>().ToList() ?? [];
        var (attached, refusal) = await AttachAsync(dossier, claimed, cancel);
        if (refusal is not null)
            return refusal;

        var now = Now();
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
            Payload = StoredJson.Write(new SupplementSubmittedV1(dossier.Id, dossier.Code, supplement.Id,
                attached.Select(a => a.DocumentId).ToList(), note, now)),
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

    async Task<(List<DossierDocument> Attached, SupplementResult? Refusal)> AttachAsync(Dossier dossier, List<DocumentRef> claimed, CancellationToken cancel)
    {
        if (claimed.Count == 0)
            return ([], null);
        IApiResponse<List<AttachedDocument>> response;
        try
        {
            response = await documents.AttachAsync(new AttachDocumentsRequest(dossier.Id, dossier.Code, dossier.ApplicantId, dossier.AgencyCode,
                claimed.Select(d => d.DocumentId).ToList()), cancel);
        }
        catch (Exception e) when (!cancel.IsCancellationRequested)
        {
            logger.LogWarning(e, "Documents service unavailable while supplementing {Code}", dossier.Code);
            return ([], Unavailable());
        }
        switch (response.StatusCode)
        {
            case HttpStatusCode.OK when response.Content is { } confirmed && claimed.All(c => confirmed.Any(d => d.Id == c.DocumentId)):
                return (claimed.Select(c => confirmed.First(d => d.Id == c.DocumentId))
                    .Select(d => new DossierDocument(d.RequirementCode, d.Id, d.FileName, d.ContentType, d.Size, d.Sha256)).ToList(), null);
            case HttpStatusCode.NotFound or HttpStatusCode.Forbidden or HttpStatusCode.BadRequest:
                return ([], DocumentsInvalid(Problems.Text("Không tìm thấy giấy tờ đã tải lên, hoặc giấy tờ không phải của bạn.",
                    "An uploaded document was not found or is not yours.")));
            case HttpStatusCode.UnprocessableEntity:
                return ([], DocumentsInvalid(Problems.Text("Giấy tờ đã tải lên đã hết hạn, vui lòng tải lên lại.",
                    "An uploaded document has expired; please upload it again.")));
            case HttpStatusCode.Conflict:
                return ([], Problems.Problem(StatusCodes.Status409Conflict, Problems.Text("Giấy tờ đã được nộp kèm một hồ sơ khác.",
                    "A document is already attached to another dossier.")));
            default:
                logger.LogWarning(response.Error, "Documents service answered {Status} while supplementing {Code}", (int?)response.StatusCode, dossier.Code);
                return ([], Unavailable());
        }
    }

    static ValidationProblem DocumentsInvalid(string message) =>
        Problems.Validation(new Dictionary<string, string[]> { ["documents"] = [message] });

    static ProblemHttpResult NotAwaited() => Problems.Problem(StatusCodes.Status409Conflict,
        Problems.Text("Hồ sơ không có yêu cầu bổ sung đang chờ.", "The dossier has no open supplement request."));

    static ProblemHttpResult Unavailable() => Problems.Problem(StatusCodes.Status503ServiceUnavailable,
        Problems.Text("Hệ thống tạm thời chưa thể nhận hồ sơ bổ sung, vui lòng thử lại sau.", "Supplements cannot be accepted right now, please try again later."));

    /// <summary>Microsecond precision, what PostgreSQL keeps.</summary>
    DateTimeOffset Now()
    {
        var t = clock.GetUtcNow().UtcTicks;
        return new DateTimeOffset(t - t % 10, TimeSpan.Zero);
    }
}
