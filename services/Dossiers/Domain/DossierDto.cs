using System.Text.Json;
using PublicServices.Dossiers.Data;

namespace PublicServices.Dossiers.Domain;

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
    SupplementRequest? SupplementRequest,
    DossierRating? Rating,
    DossierFees Fees,
    DossierDelivery Delivery);

/// <summary>The procedure's fees (VND) when the dossier was filed: due with it, and due before the result.</summary>
public sealed record DossierFees(long AtSubmission, long BeforeResult);

/// <summary>How the applicant receives the result: "online" or "post" (with the address).</summary>
public sealed record DossierDelivery(string Method, string? Address);

/// <summary>The applicant's rating of a finished dossier.</summary>
public sealed record DossierRating(int Score, string? Comment, DateTimeOffset RatedAt);

public sealed record TimelineDto(StatusDto Status, DateTimeOffset At, string ActorId, string ActorName, string? Note, string? Reason, string? Kind);

public static class DossierMapping
{
    public static DossierDto AsDto(this Dossier d) => new(d.Id, d.Code, d.ProcedureCode, d.ProcedureVersion, d.ProcedureNameVi,
        d.ProcedureNameEn, d.AgencyCode, d.ApplicantId, d.ApplicantName, StatusDto.From(d.Status), d.SubmittedAt,
        d.StatutoryWorkingDays, StoredJson.Element(d.FormData), StoredJson.Read<List<DossierDocument>>(d.Documents),
        d.Timeline.OrderBy(t => t.At).ThenBy(t => t.Id)
            .Select(t => new TimelineDto(StatusDto.From(t.Status), t.At, t.ActorId, t.ActorName, t.Note, t.Reason, t.Kind)).ToList(),
        d.DueAt, d.SupplementRequest is null ? null : StoredJson.Read<SupplementRequest>(d.SupplementRequest),
        d.Rating is { } score ? new DossierRating(score, d.RatingComment, d.RatedAt ?? d.SubmittedAt) : null,
        new DossierFees(d.FeeAtSubmission, d.FeeBeforeResult), new DossierDelivery(d.DeliveryMethod, d.DeliveryAddress));
}
