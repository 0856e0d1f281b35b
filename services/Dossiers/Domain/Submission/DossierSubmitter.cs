using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using PublicServices.Contracts.Catalog;
using PublicServices.Contracts.Dossiers;
using PublicServices.Contracts.Events;
using PublicServices.Dossiers.Clients;
using PublicServices.Dossiers.Data;
using PublicServices.Dossiers.Resources;
using PublicServices.ServiceDefaults;
using SubmitResult = Microsoft.AspNetCore.Http.HttpResults.Results<
    Microsoft.AspNetCore.Http.HttpResults.Created<PublicServices.Dossiers.Domain.DossierDto>,
    Microsoft.AspNetCore.Http.HttpResults.Ok<PublicServices.Dossiers.Domain.DossierDto>,
    Microsoft.AspNetCore.Http.HttpResults.ValidationProblem,
    Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult>;

namespace PublicServices.Dossiers.Domain.Submission;

/// <summary>
/// Files a dossier, in this order: the request's shape, the procedure (<see cref="ProcedureCache"/>), the form and
/// documents against it, the code (<see cref="DossierNumbers"/>, in the same round trip as the Idempotency-Key's
/// lookup, <see cref="IdempotencyStore"/>), the uploads attached (<see cref="DocumentAttachments"/>), then the dossier
/// with its first timeline entry, its outbox event and its idempotency record in ONE database transaction
/// (<see cref="SubmissionRows"/>). A retry with the same key gets the same dossier; a submission that fails after
/// attaching its uploads hands them back.
/// </summary>
public sealed class DossierSubmitter(DossiersDb db, ProcedureCache procedures, FormSchemaCache forms, DocumentAttachments attachments,
    IOptions<DossiersOptions> options, TimeProvider clock, IStringLocalizer<Messages> text, ILogger<DossierSubmitter> logger)
{
    public async Task<SubmitResult> SubmitAsync(ClaimsPrincipal user, SubmitDossierRequest request, string? idempotencyKey, CancellationToken cancel)
    {
        var applicantId = user.SubjectId()!;
        var errors = InputRules.Check(request.ProcedureCode, request.FormData, request.Documents, options.Value, text);
        InputRules.CheckDelivery(request.Delivery, errors, text);
        if (idempotencyKey is not null && !Idempotency.IsValidKey(idempotencyKey))
            errors[Idempotency.Header] = [text["Idempotency.BadKey"]];
        if (errors.Count > 0)
            return Problems.Validation(errors.AsProblemErrors());

        var formData = request.FormData!.Value;
        var formText = StoredJson.Write(formData);
        var claimed = request.Documents?.OfType<DocumentRef>().ToList() ?? [];
        var requestHash = idempotencyKey is null ? null : Idempotency.Hash(request.ProcedureCode!, formText, claimed, request.DraftId, request.Delivery);
        // A refusal below may be a retry of a request that was accepted before (its procedure or draft since changed):
        // a known key gets its dossier, as it would have on the first check.
        async Task<SubmitResult> UnlessReplayed(SubmitResult refusal) =>
            idempotencyKey is not null && await IdempotencyStore.FindAsync(db, applicantId, idempotencyKey, cancel) is { } earlier
                ? await ReplayAsync(earlier, requestHash!, cancel) : refusal;

        // 1. The procedure, as published now.
        var reply = await procedures.GetAsync(request.ProcedureCode!, cancel);
        if (reply.Kind == ReplyKind.Unavailable)
            return await UnlessReplayed(Unavailable());
        if (reply.Value is not { } procedure)
            return await UnlessReplayed(Problems.NotFound(text["Procedure.NotFound"]));

        // 2–3. The form against its schema, the documents against the requirements.
        errors = FormValidator.Validate(forms.Get(procedure), formData, text);
        foreach (var (field, messages) in RequiredDocumentsRule.Check(procedure.RequiredDocuments ?? [], claimed, text))
            errors[field] = messages;
        if (errors.Count > 0)
            return await UnlessReplayed(Problems.Validation(errors.AsProblemErrors()));

        Draft? draft = null;
        if (request.DraftId is { } draftId
            && (draft = await db.Drafts.AsTracking().FirstOrDefaultAsync(d => d.Id == draftId && d.OwnerId == applicantId, cancel)) is null)
            return await UnlessReplayed(Problems.NotFound(text["Draft.NotFound"]));

        // 4. The code: its own statement, outside the transaction below, in the same round trip as the key's lookup.
        var now = clock.StoredNow();
        var dossierId = idempotencyKey is null ? Guid.CreateVersion7(now) : Idempotency.DossierId(applicantId, idempotencyKey, requestHash!);
        var (sequence, keyUse) = await DossierNumbers.NextAsync(db, procedure.AgencyCode, DossierCode.VietnamDay(now),
            idempotencyKey is null ? null : (applicantId, idempotencyKey), cancel);
        if (keyUse is not null)
            return await ReplayAsync(keyUse, requestHash!, cancel);
        var code = DossierCode.For(procedure.AgencyCode, now, sequence).ToString();

        // 5. The documents service attaches the uploads to this dossier (idempotent, so a retry is safe).
        var attachment = await attachments.AttachAsync(dossierId, code, applicantId, procedure.AgencyCode, procedure.Code, claimed.Filed(), cancel);
        if (attachment.Refusal is { } refused)
            return AttachmentProblems.FieldErrors(attachment, claimed, text) is { } fieldErrors
                ? Problems.Validation(fieldErrors)
                : AttachmentProblems.Problem(refused, text, Unavailable());
        // The documents service checked each upload against its requirement's limits, so its requirement is kept.
        var attached = attachment.Documents.Select(d => d.AsStored()).ToList();

        // 6. One transaction for every row (and the draft's delete).
        var dossier = NewDossier(user, applicantId, dossierId, code, procedure, formText, attached, now, InputRules.Delivery(request.Delivery));
        var submitted = new OutboxMessage
        {
            Id = Guid.CreateVersion7(now),
            Type = DossierSubmittedV1.Type,
            Payload = StoredJson.Write(new DossierSubmittedV1(dossierId, code, procedure.Code, procedure.Version, procedure.AgencyCode,
                applicantId, now, [.. attached.Select(a => a.DocumentId)], procedure.WorkflowDefinitionId, procedure.StatutoryWorkingDays,
                dossier.FeeAtSubmission, dossier.FeeBeforeResult, dossier.DeliveryMethod, dossier.DeliveryAddress)),
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
            if (idempotencyKey is not null && await IdempotencyStore.FindAsync(db, applicantId, idempotencyKey, cancel) is { } winner)
            {
                await ReassertWinnerCodeAsync(dossierId, code, applicantId, procedure.AgencyCode, procedure.Code, attached);
                return await ReplayAsync(winner, requestHash!, cancel);
            }
            await ReleaseIfNeverStoredAsync(dossierId, applicantId, attached);
            if (e is DbUpdateConcurrencyException && draft is not null)
                return Problems.Problem(StatusCodes.Status409Conflict, text["Draft.AlreadySubmitted"]);
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

    static Dossier NewDossier(ClaimsPrincipal user, string applicantId, Guid dossierId, string code, CatalogProcedure procedure, string formText,
        List<DossierDocument> attached, DateTimeOffset now, (string Method, string? Address) delivery)
    {
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
            Status = DossierStatusMachine.Initial,
            SubmittedAt = now,
            StatutoryWorkingDays = procedure.StatutoryWorkingDays,
            WorkflowDefinitionId = procedure.WorkflowDefinitionId ?? "",
            FeeAtSubmission = Fees(procedure, FeeDue.Submission),
            FeeBeforeResult = Fees(procedure, FeeDue.Result),
            DeliveryMethod = delivery.Method,
            DeliveryAddress = delivery.Address,
        };
        dossier.Timeline.Add(new TimelineEntry
        {
            Id = Guid.CreateVersion7(now), DossierId = dossierId, Status = DossierStatusMachine.Initial, At = now,
            ActorId = applicantId, ActorName = dossier.ApplicantName,
        });
        return dossier;
    }

    /// <summary>The procedure's fees due at one moment (a fee without a due date is due at submission).</summary>
    static long Fees(CatalogProcedure procedure, string due) =>
        (procedure.Fees ?? []).Where(f => (f.Due ?? FeeDue.Submission) == due).Sum(f => f.Amount);

    /// <summary>The answer to a repeated key: the same dossier, or 422 when the key came with another request.</summary>
    async Task<SubmitResult> ReplayAsync(IdempotencyStore.KeyUse earlier, string requestHash, CancellationToken cancel)
    {
        if (earlier.RequestHash != requestHash)
            return Problems.Problem(StatusCodes.Status422UnprocessableEntity, text["Idempotency.KeyReused"]);
        var dossier = await db.Dossiers.Include(d => d.Timeline).FirstAsync(d => d.Id == earlier.DossierId, cancel);
        return TypedResults.Ok(dossier.AsDto());
    }

    /// <summary>
    /// After losing a race on the same key: both attempts attached the same documents to the same (derived) dossier id,
    /// but each with its own code, and the documents service keeps the last one it was sent. Sending the winner's
    /// code again after every lost race makes the winner's code the last word there.
    /// </summary>
    async Task ReassertWinnerCodeAsync(Guid dossierId, string ourCode, string applicantId, string agencyCode, string procedureCode,
        List<DossierDocument> attached)
    {
        if (attached.Count == 0)
            return;
        try
        {
            var winnerCode = await db.Dossiers.Where(d => d.Id == dossierId).Select(d => d.Code).FirstOrDefaultAsync();
            if (winnerCode is not null && winnerCode != ourCode)
                await attachments.ReassertCodeAsync(dossierId, winnerCode, applicantId, agencyCode, procedureCode, attached.Filed());
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not find the code that won for dossier {Dossier}", dossierId); // best effort, as the reassertion itself
        }
    }

    /// <summary>
    /// The submission failed after its documents were attached: unless a dossier with this id was stored after all (a
    /// concurrent request with the same key won), the uploads are handed back so the citizen can submit them again.
    /// </summary>
    async Task ReleaseIfNeverStoredAsync(Guid dossierId, string applicantId, List<DossierDocument> attached)
    {
        if (attached.Count == 0)
            return;
        try
        {
            if (!await db.Dossiers.AnyAsync(d => d.Id == dossierId))
                await attachments.ReleaseAsync(dossierId, applicantId);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not check whether dossier {Dossier} was stored; its uploads stay attached", dossierId); // best effort
        }
    }

    /// <summary>
    /// The checks of a submission that need no change (the request's shape, the procedure, the form, and the documents
    /// when the request lists any), for a form page that wants the field messages before the applicant moves on.
    /// </summary>
    public async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> CheckAsync(SubmitDossierRequest request, CancellationToken cancel)
    {
        var errors = InputRules.Check(request.ProcedureCode, request.FormData, request.Documents, options.Value, text);
        if (errors.Count > 0)
            return Problems.Validation(errors.AsProblemErrors());
        var reply = await procedures.GetAsync(request.ProcedureCode!, cancel);
        if (reply.Kind == ReplyKind.Unavailable)
            return Unavailable();
        if (reply.Value is not { } procedure)
            return Problems.NotFound(text["Procedure.NotFound"]);
        errors = FormValidator.Validate(forms.Get(procedure), request.FormData!.Value, text);
        if (request.Documents is { Count: > 0 } documents)
            foreach (var (field, messages) in RequiredDocumentsRule.Check(procedure.RequiredDocuments ?? [], [.. documents.OfType<DocumentRef>()], text))
                errors[field] = messages;
        return errors.Count > 0 ? Problems.Validation(errors.AsProblemErrors()) : TypedResults.NoContent();
    }

    ProblemHttpResult Unavailable() => Problems.Problem(StatusCodes.Status503ServiceUnavailable, text["Submission.Unavailable"]);
}
