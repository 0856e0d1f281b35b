using System.Text.Json;
using PublicServices.Dossiers.Drafts;

namespace PublicServices.Dossiers.Submission;

/// <summary>A submission (nộp hồ sơ). Every field is nullable so that a missing one gets a field-level message.</summary>
public sealed record SubmitDossierRequest(string? ProcedureCode, JsonElement? FormData, IReadOnlyList<DocumentRef?>? Documents, Guid? DraftId);

/// <summary>
/// The payload of the DossierSubmitted v1 event. It carries the procedure's workflow and statutory days as they were
/// when the dossier was filed, so the consumer need not ask the catalog again (and the dossier keeps the rules it was
/// submitted under).
/// </summary>
public sealed record DossierSubmittedV1(Guid DossierId, string Code, string ProcedureCode, int ProcedureVersion, string AgencyCode,
    string ApplicantId, DateTimeOffset SubmittedAt, IReadOnlyList<Guid> DocumentIds, string? WorkflowDefinitionId, int StatutoryWorkingDays)
{
    public const string Type = "DossierSubmitted.v1";
}
