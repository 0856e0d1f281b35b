namespace PublicServices.Contracts.Events;

/// <summary>
/// dossiers → workflow: a dossier was submitted. It carries the procedure's workflow and statutory days as they were
/// when the dossier was filed, so the consumer need not ask the catalog (and the dossier keeps the rules it was
/// submitted under). Fields are nullable so that a consumer can name each one missing.
/// </summary>
public sealed record DossierSubmittedV1(Guid DossierId, string? Code, string? ProcedureCode, int? ProcedureVersion, string? AgencyCode,
    string? ApplicantId, DateTimeOffset? SubmittedAt, IReadOnlyList<Guid>? DocumentIds, string? WorkflowDefinitionId, int? StatutoryWorkingDays)
{
    public const string Type = "DossierSubmitted.v1";
}
