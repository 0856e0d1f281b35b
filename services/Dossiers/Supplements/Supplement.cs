using PublicServices.Dossiers.Domain;
using PublicServices.Dossiers.Drafts;

namespace PublicServices.Dossiers.Supplements;

/// <summary>What the applicant supplied in answer to one supplement request (hồ sơ bổ sung); one answer per request.</summary>
public sealed class Supplement
{
    public Guid Id { get; set; }
    public Guid DossierId { get; set; }
    /// <summary>The request answered; unique, so two answers racing for it cannot both be stored.</summary>
    public Guid RequestId { get; set; }
    public string? Note { get; set; }
    /// <summary>JSON array of <see cref="DossierDocument"/>.</summary>
    public required string Documents { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }
}

/// <summary>The applicant's answer: the documents asked for (uploaded beforehand) and an optional note.</summary>
public sealed record SubmitSupplementRequest(IReadOnlyList<DocumentRef?>? Documents, string? Note);

public sealed record SupplementDto(Guid Id, Guid DossierId, Guid RequestId, string? Note, IReadOnlyList<DossierDocument> Documents, DateTimeOffset SubmittedAt);

/// <summary>The payload of the SupplementSubmitted v1 event (docs/contracts.md).</summary>
public sealed record SupplementSubmittedV1(Guid DossierId, string Code, Guid SupplementId, IReadOnlyList<Guid> DocumentIds, string? Note,
    DateTimeOffset SubmittedAt)
{
    public const string Type = "SupplementSubmitted.v1";
}
