using PublicServices.Contracts.Dossiers;

namespace PublicServices.Dossiers.Data;

/// <summary>A submitted dossier (hồ sơ). Form data and documents are JSON text so every database can hold them.</summary>
public sealed class Dossier
{
    public Guid Id { get; set; }
    public required string Code { get; set; }
    public required string ApplicantId { get; set; }
    public required string ApplicantName { get; set; }
    public required string ProcedureCode { get; set; }
    public int ProcedureVersion { get; set; }
    public required string ProcedureNameVi { get; set; }
    public required string ProcedureNameEn { get; set; }
    public required string AgencyCode { get; set; }
    public required string FormData { get; set; }
    /// <summary>JSON array of <see cref="DossierDocument"/>.</summary>
    public required string Documents { get; set; }
    public DossierStatus Status { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }
    public int StatutoryWorkingDays { get; set; }
    /// <summary>The workflow its procedure named when it was filed ("" for the default); null if filed before this was recorded.</summary>
    public string? WorkflowDefinitionId { get; set; }
    /// <summary>The procedure's fees (VND) due with the dossier and before the result, as they were when it was filed.</summary>
    public long FeeAtSubmission { get; set; }
    public long FeeBeforeResult { get; set; }
    /// <summary>How the applicant receives the result (<see cref="ResultDelivery"/>), and the postal address for the post.</summary>
    public string DeliveryMethod { get; set; } = ResultDelivery.Online;
    public string? DeliveryAddress { get; set; }
    /// <summary>The statutory due date as the workflow last reported it; null until then.</summary>
    public DateTimeOffset? DueAt { get; set; }
    /// <summary>JSON of the open <see cref="SupplementRequest"/> while the agency waits for the applicant; null otherwise.</summary>
    public string? SupplementRequest { get; set; }
    /// <summary>The applicant's 1–5 rating once the dossier is finished, with its comment; null until rated.</summary>
    public int? Rating { get; set; }
    public string? RatingComment { get; set; }
    public DateTimeOffset? RatedAt { get; set; }
    public List<TimelineEntry> Timeline { get; set; } = [];
}
