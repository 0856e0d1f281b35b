namespace PublicServices.Contracts.Events;

/// <summary>documents → workflow: the signed result document of the dossier is stored (<see cref="Sha256"/>: lower-case hex of the PDF).</summary>
public sealed record ResultIssuedV1(Guid DossierId, Guid ResultId, string? Sha256, DateTimeOffset? IssuedAt)
{
    public const string Type = "ResultIssued.v1";

    /// <summary>The workflow event it resumes (bookmarks are keyed by the dossier id).</summary>
    public const string EventName = "ResultIssued";
}
