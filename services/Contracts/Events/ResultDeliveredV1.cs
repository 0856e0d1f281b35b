namespace PublicServices.Contracts.Events;

/// <summary>
/// documents → workflow: the applicant has the result: <see cref="How"/> is "downloaded" (their first download) or "post"
/// (the one-stop desk recorded the dispatch, with the post's <see cref="TrackingNumber"/>).
/// </summary>
public sealed record ResultDeliveredV1(Guid DossierId, Guid ResultId, string? How, DateTimeOffset? DeliveredAt, string? TrackingNumber)
{
    public const string Type = "ResultDelivered.v1";

    /// <summary>The workflow event it resumes (bookmarks are keyed by the dossier id).</summary>
    public const string EventName = "ResultDelivered";
}
