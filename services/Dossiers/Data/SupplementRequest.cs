namespace PublicServices.Dossiers.Data;

/// <summary>What the agency asked the applicant to supply (yêu cầu bổ sung hồ sơ), and why.</summary>
/// <param name="Documents">Requirement codes of the documents to supply; may be empty when only an explanation is asked.</param>
public sealed record SupplementRequest(Guid Id, string Reason, IReadOnlyList<string> Documents, DateTimeOffset RequestedAt,
    string RequestedById, string RequestedByName);
