using System.Text.Json;

namespace PublicServices.Dossiers.Domain.Submission;

/// <summary>A submission (nộp hồ sơ). Every field is nullable so that a missing one gets a field-level message.</summary>
public sealed record SubmitDossierRequest(string? ProcedureCode, JsonElement? FormData, IReadOnlyList<DocumentRef?>? Documents, Guid? DraftId);
