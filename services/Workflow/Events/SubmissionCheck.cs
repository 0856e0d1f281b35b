using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using PublicServices.Contracts.Dossiers;
using PublicServices.Contracts.Events;
using PublicServices.ServiceDefaults;
using PublicServices.Workflow.Clients;
using PublicServices.Workflow.Resources;

namespace PublicServices.Workflow.Events;

/// <summary>
/// A DossierSubmitted starts a workflow only for a dossier the dossiers service stored with the same facts: its code,
/// procedure and version, agency, applicant, statutory days and workflow (what routes and times the work; the
/// workflow is not checked for dossiers filed before the dossiers service recorded it). The event is the
/// sender's claim; the stored dossier is the truth. Cost: one GET to the dossiers service per submission, on a path
/// that already writes an instance, tasks and the outbox; a batch of events asks side by side (EventEndpoints.MaxParallel).
/// </summary>
public sealed class SubmissionCheck(IDossiersApi dossiers, IStringLocalizer<Messages> text, ILogger<SubmissionCheck> log)
{
    /// <summary>
    /// Null when the event matches its stored dossier. Otherwise the answer: 404 (no such dossier) or 422 (naming the
    /// <c>fields</c> that differ), both poison for the producer; 503 when the dossiers service could not be asked, so it retries.
    /// </summary>
    public async Task<ProblemHttpResult?> RefusalAsync(DossierSubmittedV1 submitted, CancellationToken cancel)
    {
        var reply = await Reply.AskAsync(c => dossiers.GetFiledAsync(submitted.DossierId, c), log, $"dossier {submitted.DossierId}", cancel);
        if (reply.Kind == ReplyKind.Unavailable)
            return Problems.Problem(StatusCodes.Status503ServiceUnavailable, text["Event.DossiersUnavailable"]);
        if (reply.Value is not { } filed)
        {
            log.LogWarning("DossierSubmitted for dossier {Dossier}, which the dossiers service does not have: refused", submitted.DossierId);
            return Problems.NotFound(text["Event.DossierNotStored"], submitted.DossierId.ToString("D"));
        }
        var differing = Differences(submitted, filed);
        if (differing.Count == 0)
            return null;
        log.LogWarning("DossierSubmitted for dossier {Dossier} claims other {Fields} than the stored dossier: refused", submitted.DossierId,
            string.Join(", ", differing));
        return Problems.Problem(StatusCodes.Status422UnprocessableEntity, text["Event.DossierMismatch"], detail: submitted.DossierId.ToString("D"),
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
        if (d.WorkflowDefinitionId is not null)
            Compare("workflowDefinitionId", e.WorkflowDefinitionId ?? "", d.WorkflowDefinitionId);
        return fields;
    }
}
