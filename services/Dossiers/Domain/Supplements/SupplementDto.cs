using PublicServices.Dossiers.Data;

namespace PublicServices.Dossiers.Domain.Supplements;

/// <summary>The applicant's answer: the documents asked for (uploaded beforehand) and an optional note.</summary>
public sealed record SubmitSupplementRequest(IReadOnlyList<DocumentRef?>? Documents, string? Note);

public sealed record SupplementDto(Guid Id, Guid DossierId, Guid RequestId, string? Note, IReadOnlyList<DossierDocument> Documents, DateTimeOffset SubmittedAt);
