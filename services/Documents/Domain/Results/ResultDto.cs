using System.Security.Claims;
using PublicServices.Documents.Data;
using PublicServices.ServiceDefaults;

namespace PublicServices.Documents.Domain.Results;

/// <summary>A result as the API shows it (CONTRACTS: ResultDto).</summary>
public sealed record ResultDto(Guid Id, Guid DossierId, string Code, string ProcedureCode, string AgencyCode, string AgencyName,
    DateTime IssuedAt, string Sha256, string FileName, long Size, string DeliveryMethod, string? DeliveryAddress, DateTime? DownloadedAt,
    DateTime? DispatchedAt, string? TrackingNumber);

/// <summary>What anyone may learn by checking a result: valid (with who issued it and when) or not.</summary>
public sealed record VerificationDto(string Status, string? Code = null, string? AgencyName = null, DateTime? IssuedAt = null)
{
    public static readonly VerificationDto NotValid = new("not-valid");

    public static VerificationDto Valid(ResultDocument r) => new("valid", r.DossierCode, r.AgencyName, r.IssuedAt);
}

public static class ResultAccess
{
    public static ResultDto AsDto(this ResultDocument r) => new(r.Id, r.DossierId, r.DossierCode, r.ProcedureCode, r.AgencyCode, r.AgencyName,
        r.IssuedAt, r.Sha256, r.FileName, r.Size, r.DeliveryMethod, r.DeliveryAddress, r.DownloadedAt, r.DispatchedAt, r.TrackingNumber);

    /// <summary>The applicant themselves: their download is the delivery.</summary>
    public static bool IsApplicant(ClaimsPrincipal user, ResultDocument result) =>
        user.SubjectId() is { } subject && subject == result.ApplicantId && !user.IsInRole(Roles.Service);

    /// <summary>The applicant, or an officer of the issuing agency; everyone else is answered 404.</summary>
    public static bool CanRead(ClaimsPrincipal user, ResultDocument result) =>
        IsApplicant(user, result) || (user.IsOfficer() && user.AgencyCode() == result.AgencyCode);
}
