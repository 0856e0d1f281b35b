using System.Text.Json;

namespace PublicServices.Dossiers.Domain;

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
    /// <summary>The statutory due date as the workflow last reported it; null until then.</summary>
    public DateTimeOffset? DueAt { get; set; }
    /// <summary>JSON of the open <see cref="SupplementRequest"/> while the agency waits for the applicant; null otherwise.</summary>
    public string? SupplementRequest { get; set; }
    public List<TimelineEntry> Timeline { get; set; } = [];
}

/// <summary>One step of a dossier's history: which status, when, and who did it.</summary>
public sealed class TimelineEntry
{
    public Guid Id { get; set; }
    public Guid DossierId { get; set; }
    public DossierStatus Status { get; set; }
    public DateTimeOffset At { get; set; }
    public required string ActorId { get; set; }
    public required string ActorName { get; set; }
    public string? Note { get; set; }
    /// <summary>Why: a refusal's or a supplement request's reason.</summary>
    public string? Reason { get; set; }
    /// <summary>Null for a status change; <see cref="TimelineKinds.SupplementSubmitted"/> when the applicant supplied documents.</summary>
    public string? Kind { get; set; }
}

public static class TimelineKinds
{
    public const string SupplementSubmitted = "supplement-submitted";
}

/// <summary>What the agency asked the applicant to supply (yêu cầu bổ sung hồ sơ), and why.</summary>
/// <param name="Documents">Requirement codes of the documents to supply; may be empty when only an explanation is asked.</param>
public sealed record SupplementRequest(Guid Id, string Reason, IReadOnlyList<string> Documents, DateTimeOffset RequestedAt,
    string RequestedById, string RequestedByName);

/// <summary>A document attached to a dossier, as the documents service confirmed it.</summary>
public sealed record DossierDocument(string RequirementCode, Guid DocumentId, string FileName, string ContentType, long Size, string Sha256);

public sealed record TimelineDto(StatusDto Status, DateTimeOffset At, string ActorId, string ActorName, string? Note, string? Reason, string? Kind);

/// <summary>A dossier as its applicant and the officers of its agency see it.</summary>
public sealed record DossierDto(
    Guid Id,
    string Code,
    string ProcedureCode,
    int ProcedureVersion,
    string ProcedureNameVi,
    string ProcedureNameEn,
    string AgencyCode,
    string ApplicantId,
    string ApplicantName,
    StatusDto Status,
    DateTimeOffset SubmittedAt,
    int StatutoryWorkingDays,
    JsonElement FormData,
    IReadOnlyList<DossierDocument> Documents,
    IReadOnlyList<TimelineDto> Timeline,
    DateTimeOffset? DueAt,
    SupplementRequest? SupplementRequest);

/// <summary>A line of a dossier list.</summary>
public sealed record DossierSummary(Guid Id, string Code, string ProcedureCode, string ProcedureNameVi, string ProcedureNameEn,
    string AgencyCode, string ApplicantName, StatusDto Status, DateTimeOffset SubmittedAt);

public sealed record DossierPage(IReadOnlyList<DossierSummary> Items, int Page, int PageSize, int Total);

/// <summary>What anyone holding a code may learn: no applicant, no form data, no ids of people.</summary>
public sealed record DossierLookup(string Code, string ProcedureCode, string ProcedureNameVi, string ProcedureNameEn,
    string AgencyCode, StatusDto Status, DateTimeOffset SubmittedAt);

public static class DossierMapping
{
    public static DossierDto AsDto(this Dossier d) => new(d.Id, d.Code, d.ProcedureCode, d.ProcedureVersion, d.ProcedureNameVi,
        d.ProcedureNameEn, d.AgencyCode, d.ApplicantId, d.ApplicantName, StatusDto.From(d.Status), d.SubmittedAt,
        d.StatutoryWorkingDays, StoredJson.Element(d.FormData), StoredJson.Read<List<DossierDocument>>(d.Documents),
        d.Timeline.OrderBy(t => t.At).ThenBy(t => t.Id)
            .Select(t => new TimelineDto(StatusDto.From(t.Status), t.At, t.ActorId, t.ActorName, t.Note, t.Reason, t.Kind)).ToList(),
        d.DueAt, d.SupplementRequest is null ? null : StoredJson.Read<SupplementRequest>(d.SupplementRequest));

    public static DossierLookup AsLookup(this Dossier d) => new(d.Code, d.ProcedureCode, d.ProcedureNameVi, d.ProcedureNameEn,
        d.AgencyCode, StatusDto.From(d.Status), d.SubmittedAt);
}
