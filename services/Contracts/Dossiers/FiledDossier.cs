namespace PublicServices.Contracts.Dossiers;

/// <summary>
/// What a dossier was filed with, as the dossiers service stored it: its internal <c>GET /api/dossiers/internal/{id}</c>
/// answers it to the workflow service alone, which checks a DossierSubmitted or DossierWithdrawn against it before acting.
/// </summary>
/// <param name="Status">Its status now (a number of the national list).</param>
/// <param name="WorkflowDefinitionId">The workflow its procedure named ("" for the default); null for a dossier filed before it was recorded.</param>
public sealed record FiledDossier(Guid Id, string Code, string ProcedureCode, int ProcedureVersion, string AgencyCode, string ApplicantId,
    DateTimeOffset SubmittedAt, int StatutoryWorkingDays, string? WorkflowDefinitionId, int Status,
    long FeeAtSubmission = 0, long FeeBeforeResult = 0, string? DeliveryMethod = null, string? DeliveryAddress = null);
