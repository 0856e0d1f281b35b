namespace PublicServices.Contracts.Events;

/// <summary>dossiers → workflow: the applicant answered a supplement request.</summary>
public sealed record SupplementSubmittedV1(Guid DossierId, string? Code, Guid SupplementId, IReadOnlyList<Guid>? DocumentIds, string? Note,
    DateTimeOffset? SubmittedAt)
{
    public const string Type = "SupplementSubmitted.v1";

    /// <summary>The workflow event it resumes (bookmarks are keyed by the dossier id).</summary>
    public const string EventName = "SupplementSubmitted";
}
