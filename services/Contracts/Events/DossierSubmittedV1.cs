namespace PublicServices.Contracts.Events;

/// <summary>
/// dossiers → workflow: a dossier was submitted. It carries the procedure's workflow, statutory days and fees as they
/// were when the dossier was filed, so the consumer need not ask the catalog (and the dossier keeps the rules it was
/// submitted under), and how the applicant wants the result. Fields are nullable so that a consumer can name each one
/// missing. Fees are whole VND: the sum due at submission and the sum due before the result (0 when none).
/// </summary>
public sealed record DossierSubmittedV1(Guid DossierId, string? Code, string? ProcedureCode, int? ProcedureVersion, string? AgencyCode,
    string? ApplicantId, DateTimeOffset? SubmittedAt, IReadOnlyList<Guid>? DocumentIds, string? WorkflowDefinitionId, int? StatutoryWorkingDays,
    long? FeeAtSubmission = null, long? FeeBeforeResult = null, string? DeliveryMethod = null, string? DeliveryAddress = null)
{
    public const string Type = "DossierSubmitted.v1";
}
