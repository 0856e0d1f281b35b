using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using PublicServices.Contracts.Dossiers;
using PublicServices.Contracts.Events;
using PublicServices.ServiceDefaults;
using PublicServices.Workflow.Clients;
using PublicServices.Workflow.Resources;

namespace PublicServices.Workflow.Events;

/// <summary>
/// Checks what the dossiers service's events claim against the dossier it stored, which is the truth. A DossierSubmitted
/// must carry the stored code, procedure and version, agency, applicant, statutory days and workflow (what routes and
/// times the work; the workflow is not checked for dossiers filed before the dossiers service recorded it); a
/// DossierWithdrawn must name a dossier stored as withdrawn. Cost: one GET to the dossiers service per such event, on a
/// path that already writes an instance, tasks and the outbox; a batch asks side by side (EventEndpoints.MaxParallel).
/// Answers: 404 (no such dossier) or 422 (naming the <c>fields</c> that differ), both poison for the producer; 503
/// when the dossiers service could not be asked, so that it retries.
/// </summary>
public sealed class DossierCheck(IDossiersApi dossiers, IStringLocalizer<Messages> text, ILogger<DossierCheck> log)
{
    /// <summary>Null when the submission matches its stored dossier; else the refusal.</summary>
    public async Task<ProblemHttpResult?> SubmissionRefusalAsync(DossierSubmittedV1 submitted, CancellationToken cancel)
    {
        var (filed, refusal) = await StoredAsync(submitted.DossierId, cancel);
        return refusal ?? Mismatch(submitted.DossierId, Differences(submitted, filed!));
    }

    /// <summary>Null when the dossier is stored as withdrawn; else the refusal.</summary>
    public async Task<ProblemHttpResult?> WithdrawalRefusalAsync(DossierWithdrawnV1 withdrawn, CancellationToken cancel)
    {
        var (filed, refusal) = await StoredAsync(withdrawn.DossierId, cancel);
        return refusal ?? Mismatch(withdrawn.DossierId,
            filed!.Status == (int)DossierStatus.Withdrawn && (withdrawn.Code is null || withdrawn.Code == filed.Code) ? [] : ["payload.dossierId"]);
    }

    async Task<(FiledDossier? Filed, ProblemHttpResult? Refusal)> StoredAsync(Guid dossierId, CancellationToken cancel)
    {
        var reply = await Reply.AskAsync(c => dossiers.GetFiledAsync(dossierId, c), log, $"dossier {dossierId}", cancel);
        if (reply.Kind == ReplyKind.Unavailable)
            return (null, Problems.Problem(StatusCodes.Status503ServiceUnavailable, text["Event.DossiersUnavailable"]));
        if (reply.Value is not { } filed)
        {
            log.LogWarning("Event for dossier {Dossier}, which the dossiers service does not have: refused", dossierId);
            return (null, Problems.NotFound(text["Event.DossierNotStored"], dossierId.ToString("D")));
        }
        return (filed, null);
    }

    ProblemHttpResult? Mismatch(Guid dossierId, List<string> differing)
    {
        if (differing.Count == 0)
            return null;
        log.LogWarning("Event for dossier {Dossier} claims other {Fields} than the stored dossier: refused", dossierId, string.Join(", ", differing));
        return Problems.Problem(StatusCodes.Status422UnprocessableEntity, text["Event.DossierMismatch"], detail: dossierId.ToString("D"),
            extensions: new Dictionary<string, object?>(StringComparer.Ordinal) { ["fields"] = differing });
    }

    /// <summary>The payload fields (keyed like the JSON) whose claim differs from the stored dossier.</summary>
    public static List<string> Differences(DossierSubmittedV1 e, FiledDossier d)
    {
        var fields = new List<string>();
        void Compare<T>(string field, T claimed, T stored)
        {
            if (!EqualityComparer<T>.Default.Equals(claimed, stored))
                fields.Add($"payload.{field}");
        }
        Compare("code", e.Code, d.Code);
        Compare("procedureCode", e.ProcedureCode, d.ProcedureCode);
        Compare("procedureVersion", e.ProcedureVersion, d.ProcedureVersion);
        Compare("agencyCode", e.AgencyCode, d.AgencyCode);
        Compare("applicantId", e.ApplicantId, d.ApplicantId);
        Compare("statutoryWorkingDays", e.StatutoryWorkingDays, d.StatutoryWorkingDays);
        Compare("feeAtSubmission", e.FeeAtSubmission ?? 0, d.FeeAtSubmission);
        Compare("feeBeforeResult", e.FeeBeforeResult ?? 0, d.FeeBeforeResult);
        Compare("deliveryMethod", e.DeliveryMethod ?? ResultDelivery.Online, d.DeliveryMethod ?? ResultDelivery.Online);
        Compare("deliveryAddress", e.DeliveryAddress, d.DeliveryAddress);
        if (d.WorkflowDefinitionId is not null)
            Compare("workflowDefinitionId", e.WorkflowDefinitionId ?? "", d.WorkflowDefinitionId);
        return fields;
    }
}
