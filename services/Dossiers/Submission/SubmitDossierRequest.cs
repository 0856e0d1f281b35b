using System.Text.Json;
using PublicServices.Dossiers.Drafts;

namespace PublicServices.Dossiers.Submission;

/// <summary>A submission (nộp hồ sơ). Every field is nullable so that a missing one gets a field-level message.</summary>
public sealed record SubmitDossierRequest(string? ProcedureCode, JsonElement? FormData, IReadOnlyList<DocumentRef?>? Documents, Guid? DraftId);

/// <summary>The payload of the DossierSubmitted v1 event.</summary>
public sealed record DossierSubmittedV1(Guid DossierId, string Code, string ProcedureCode, int ProcedureVersion, string AgencyCode,
    string ApplicantId, DateTimeOffset SubmittedAt, IReadOnlyList<Guid> DocumentIds)
{
    public const string Type = "DossierSubmitted.v1";
}
