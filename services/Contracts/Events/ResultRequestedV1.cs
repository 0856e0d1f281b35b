namespace PublicServices.Contracts.Events;

/// <summary>
/// workflow → documents: the dossier was approved, issue its result document (one per dossier). <see cref="Decision"/>
/// is "approved"; <see cref="Note"/> the leader's decision text; <see cref="DeliveryMethod"/> "online" or "post" (then
/// <see cref="DeliveryAddress"/> says where). Fields are nullable so that the consumer can name each one missing.
/// </summary>
public sealed record ResultRequestedV1(Guid DossierId, string? Code, string? ProcedureCode, string? AgencyCode, string? ApplicantId,
    string? Decision, string? Note, IReadOnlyList<Guid>? DocumentIds, string? DeliveryMethod, string? DeliveryAddress, DateTimeOffset? DecidedAt)
{
    public const string Type = "ResultRequested.v1";
}
