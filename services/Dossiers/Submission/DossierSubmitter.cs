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
using SubmitResult = Microsoft.AspNetCore.Http.HttpResults.Results<
    Microsoft.AspNetCore.Http.HttpResults.Created<PublicServices.Dossiers.Domain.DossierDto>,
    Microsoft.AspNetCore.Http.HttpResults.Ok<PublicServices.Dossiers.Domain.DossierDto>,
    Microsoft.AspNetCore.Http.HttpResults.ValidationProblem,
    Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult>;

namespace PublicServices.Dossiers.Submission;

/// <summary>
/// Files a dossier: procedure from the catalog, form and documents checked, code issued, documents attached, and
/// the dossier stored with its first timeline entry, its outbox event and its idempotency record in ONE database
/// transaction. The hot path is kept short: the procedure and its parsed schema come from memory, the code and the
/// Idempotency-Key's lookup take one round trip, the rest is one batched transaction.
/// </summary>
public sealed class DossierSubmitter(DossiersDb db, ProcedureCache procedures, FormSchemaCache forms, IDocumentsApi documents,
    IOptions<DossiersOptions> options, TimeProvider clock, ILogger<DossierSubmitter> logger)
{
    public async Task<SubmitResult> SubmitAsync(
        ClaimsPrincipal user, SubmitDossierRequest request, string? idempotencyKey, CancellationToken cancel)
    {
        var applicantId = user.SubjectId()!;
        var errors = InputRules.Check(request.ProcedureCode, request.FormData, request.Documents, options.Value);
        if (idempotencyKey is not null && !Idempotency.IsValidKey(idempotencyKey))
            errors[Idempotency.Header] = [Problems.Text("Idempotency-Key phải gồm 1–200 ký tự ASCII in được.",
                "The Idempotency-Key must be 1–200 printable ASCII characters.")];
        if (errors.Count > 0)
            return Problems.Validation(errors.AsProblemErrors());

        var formData = request.FormData!.Value;
        var formText = StoredJson.Write(formData);
        var claimed = request.Documents?.OfType<DocumentRef>().ToList() ?? [];
        var requestHash = idempotencyKey is null ? null : Idempotency.Hash(request.ProcedureCode!, formText, claimed, request.DraftId);
        // A refusal below may be a retry of a request that was accepted before (its procedure or draft since changed):
        // a known key gets its dossier, as it would have on the first check.
        async Task<SubmitResult> UnlessReplayed(SubmitResult refusal) =>
            idempotencyKey is not null && await ReplayAsync(applicantId, idempotencyKey, requestHash!, cancel) is { } earlier ? earlier : refusal;

        // 1. The procedure, as published now.
        Procedure? procedure;
        try { procedure = await procedures.GetAsync(request.ProcedureCode!, cancel); }
        catch (CatalogUnavailableException e)
        {
            logger.LogWarning(e, "Catalog unavailable while submitting for {Procedure}", request.ProcedureCode);
            return await UnlessReplayed(Unavailable());
        }
        if (procedure is null)
            return await UnlessReplayed(Problems.NotFound(Problems.Text($"Không tìm thấy thủ tục hành chính", "The procedure was not found")));

        // 2–3. The form against its schema, the documents against the requirements.
        errors = FormValidator.Validate(forms.Get(procedure), formData);
        foreach (var (field, messages) in RequiredDocumentsRule.Check(procedure.RequiredDocuments, claimed))
            errors[field] = messages;
        if (errors.Count > 0)
            return await UnlessReplayed(Problems.Validation(errors.AsProblemErrors()));

        Draft? draft = null;
        if (request.DraftId is { } draftId
            && (draft = await db.Drafts.AsTracking().FirstOrDefaultAsync(d => d.Id == draftId && d.OwnerId == applicantId, cancel)) is null)
            return await UnlessReplayed(Problems.NotFound(Problems.Text($"Không tìm thấy hồ sơ nháp", "The draft was not found")));

        // 4. The code: its own statement, outside the transaction below (see DailySequence), in the same round trip as
        // the Idempotency-Key's lookup.
        var now = Now();
        var dossierId = idempotencyKey is null ? Guid.CreateVersion7(now) : Idempotency.DossierId(applicantId, idempotencyKey, requestHash!);
        var (sequence, keyUse) = await DailySequence.NextAsync(db, procedure.AgencyCode, DossierCode.VietnamDay(now),
            idempotencyKey is null ? null : (applicantId, idempotencyKey), cancel);
        if (keyUse is not null)
            return await ReplayAsync(keyUse, requestHash!, cancel);
        var code = DossierCode.For(procedure.AgencyCode, now, sequence).ToString();

        // 5. The documents service attaches the uploads to this dossier (idempotent, so a retry is safe).
        var (attached, refusal) = await AttachAsync(dossierId, code, applicantId, procedure, claimed, cancel);
        if (refusal is not null)
            return refusal;

        // 6. One transaction for every row (and the draft's delete).
        var dossier = new Dossier
        {
            Id = dossierId,
            Code = code,
            ApplicantId = applicantId,
            ApplicantName = user.FindFirst(Claims.Name)?.Value ?? user.FindFirst(Claims.ClientId)?.Value ?? applicantId,
            ProcedureCode = procedure.Code,
            ProcedureVersion = procedure.Version,
            ProcedureNameVi = procedure.NameVi,
            ProcedureNameEn = procedure.NameEn,
            AgencyCode = procedure.AgencyCode,
            FormData = formText,
            Documents = StoredJson.Write(attached),
            Status = DossierStatus.New,
            SubmittedAt = now,
            StatutoryWorkingDays = procedure.StatutoryWorkingDays,
        };
        dossier.Timeline.Add(new TimelineEntry
        {
            Id = Guid.CreateVersion7(now), DossierId = dossierId, Status = DossierStatus.New, At = now,
            ActorId = applicantId, ActorName = dossier.ApplicantName,
        });
        var submitted = new OutboxMessage
        {
            Id = Guid.CreateVersion7(now),
            Type = DossierSubmittedV1.Type,
            Payload = StoredJson.Write(new DossierSubmittedV1(dossierId, code, procedure.Code, procedure.Version, procedure.AgencyCode,
                applicantId, now, attached.Select(a => a.DocumentId).ToList(), procedure.WorkflowDefinitionId, procedure.StatutoryWorkingDays)),
            OccurredAt = now,
        };
        var keyRecord = idempotencyKey is null ? null : new IdempotencyRecord
        {
            ApplicantId = applicantId, Key = idempotencyKey, RequestHash = requestHash!, DossierId = dossierId, CreatedAt = now,
        };
        try
        {
            if (draft is null && db.Database.IsNpgsql())
                await SubmissionRows.InsertAsync(db, dossier, submitted, keyRecord, cancel);
            else
            {
                // SQLite, or a draft whose delete EF checks against its concurrency token: one SaveChanges transaction.
                db.Dossiers.Add(dossier);
                db.Outbox.Add(submitted);
                if (keyRecord is not null)
                    db.IdempotencyRecords.Add(keyRecord);
                if (draft is not null)
                    db.Drafts.Remove(draft);
                await db.SaveChangesAsync(cancel);
            }
        }
        catch (Exception e) when (e is DbUpdateConcurrencyException || e.IsUniqueViolation())
        {
            // A concurrent request committed first and nothing of ours was written: the same key gets that
            // request's dossier; another submission of the same draft is told the draft is gone.
            db.ChangeTracker.Clear();
            if (idempotencyKey is not null && await ReplayAsync(applicantId, idempotencyKey, requestHash!, cancel) is { } winner)
            {
                await ReassertWinnerCodeAsync(dossierId, code, applicantId, procedure.AgencyCode, attached);
                return winner;
            }
            await ReleaseIfNeverStoredAsync(dossierId, applicantId, attached);
            if (e is DbUpdateConcurrencyException && draft is not null)
                return Problems.Problem(StatusCodes.Status409Conflict, Problems.Text("Hồ sơ nháp này đã được nộp.", "This draft has already been submitted."));
            throw;
        }
        catch (Exception) when (attached.Count > 0)
        {
            db.ChangeTracker.Clear();
            await ReleaseIfNeverStoredAsync(dossierId, applicantId, attached);
            throw;
        }
        return TypedResults.Created($"/api/dossiers/{dossier.Id}", dossier.AsDto());
    }

    /// <summary>The answer to a repeated key (null when the key is new).</summary>
    async Task<SubmitResult?> ReplayAsync(string applicantId, string key, string requestHash, CancellationToken cancel)
    {
        var record = await db.IdempotencyRecords.FirstOrDefaultAsync(r => r.ApplicantId == applicantId && r.Key == key, cancel);
        return record is null ? null : await ReplayAsync(new DailySequence.KeyUse(record.RequestHash, record.DossierId), requestHash, cancel);
    }

    /// <summary>The answer to a repeated key: the same dossier, or 422 when the key came with another request.</summary>
    async Task<SubmitResult> ReplayAsync(DailySequence.KeyUse record, string requestHash, CancellationToken cancel)
    {
        if (record.RequestHash != requestHash)
            return Problems.Problem(StatusCodes.Status422UnprocessableEntity,
                Problems.Text("Idempotency-Key này đã được dùng cho một yêu cầu khác.", "This Idempotency-Key was already used for a different request."));
        var dossier = await db.Dossiers.Include(d => d.Timeline).FirstAsync(d => d.Id == record.DossierId, cancel);
        return TypedResults.Ok(dossier.AsDto());
    }

    /// <summary>
    /// After losing a race on the same key: both attempts attached the same documents to the same (derived) dossier id,
    /// but each with its own code, and the documents service keeps the last one it was sent. Sending the winner's
    /// code again after every lost race makes the winner's code the last word there. Best effort: a failure is logged.
    /// </summary>
    async Task ReassertWinnerCodeAsync(Guid dossierId, string ourCode, string applicantId, string agencyCode, List<DossierDocument> attached)
    {
        if (attached.Count == 0)
            return;
        try
        {
            var winnerCode = await db.Dossiers.Where(d => d.Id == dossierId).Select(d => d.Code).FirstOrDefaultAsync();
            if (winnerCode is null || winnerCode == ourCode)
                return;
            var response = await documents.AttachAsync(new AttachDocumentsRequest(dossierId, winnerCode, applicantId, agencyCode,
                attached.Select(a => a.DocumentId).ToList()));
            if (!response.IsSuccessStatusCode)
                logger.LogWarning("Documents service answered {Status} when given the code {Code} again", (int?)response.StatusCode, winnerCode);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not give the documents service the code of dossier {Dossier} again", dossierId);
        }
    }

    /// <summary>
    /// The submission failed after its documents were attached: unless a dossier with this id was stored after all (a
    /// concurrent request with the same key won), the uploads are handed back so the citizen can submit them again.
    /// Best effort: what cannot be released now stays attached to an id no dossier has, and a failure is logged.
    /// </summary>
    async Task ReleaseIfNeverStoredAsync(Guid dossierId, string applicantId, List<DossierDocument> attached)
    {
        if (attached.Count == 0)
            return;
        try
        {
            if (await db.Dossiers.AnyAsync(d => d.Id == dossierId))
                return;
            var response = await documents.ReleaseAsync(new ReleaseDocumentsRequest(dossierId, applicantId));
            if (!response.IsSuccessStatusCode)
                logger.LogWarning("Documents service answered {Status} when asked to release the uploads of {Dossier}", (int?)response.StatusCode, dossierId);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not release the uploads of dossier {Dossier}, which was not stored", dossierId);
        }
    }

    async Task<(List<DossierDocument> Attached, SubmitResult? Refusal)> AttachAsync(Guid dossierId, string code, string applicantId,
        Procedure procedure, List<DocumentRef> claimed, CancellationToken cancel)
    {
        if (claimed.Count == 0)
            return ([], null);
        IApiResponse<List<AttachedDocument>> response;
        try
        {
            response = await documents.AttachAsync(new AttachDocumentsRequest(dossierId, code, applicantId, procedure.AgencyCode,
                claimed.Select(d => d.DocumentId).ToList()), cancel);
        }
        catch (Exception e) when (!cancel.IsCancellationRequested)
        {
            logger.LogWarning(e, "Documents service unavailable while submitting {Code}", code);
            return ([], Unavailable());
        }
        switch (response.StatusCode)
        {
            case HttpStatusCode.OK when response.Content is { } confirmed && claimed.All(c => confirmed.Any(d => d.Id == c.DocumentId)):
                return (claimed.Select(c => confirmed.First(d => d.Id == c.DocumentId)).Select(d =>
                {
                    // The documents service checked the upload against its requirement's limits, so its word is kept.
                    var claim = claimed.First(c => c.DocumentId == d.Id).RequirementCode;
                    if (claim != d.RequirementCode)
                        logger.LogWarning("Document {Document} was uploaded for {Actual} but submitted as {Claimed}", d.Id, d.RequirementCode, claim);
                    return new DossierDocument(d.RequirementCode, d.Id, d.FileName, d.ContentType, d.Size, d.Sha256);
                }).ToList(), null);
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
                logger.LogWarning(response.Error, "Documents service answered {Status} while submitting {Code}", (int?)response.StatusCode, code);
                return ([], Unavailable());
        }
    }

    static ValidationProblem DocumentsInvalid(string message) =>
        Problems.Validation(new Dictionary<string, string[]> { [RequiredDocumentsRule.Field] = [message] });

    static ProblemHttpResult Unavailable() => Problems.Problem(StatusCodes.Status503ServiceUnavailable,
        Problems.Text("Hệ thống tạm thời chưa thể nhận hồ sơ, vui lòng thử lại sau.", "Dossiers cannot be accepted right now, please try again later."));

    /// <summary>Microsecond precision, what PostgreSQL keeps, so a replayed answer is identical to the first.</summary>
    DateTimeOffset Now()
    {
        var t = clock.GetUtcNow().UtcTicks;
        return new DateTimeOffset(t - t % 10, TimeSpan.Zero);
    }
}
