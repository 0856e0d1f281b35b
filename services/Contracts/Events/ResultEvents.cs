namespace PublicServices.Contracts.Events;

/// <summary>
/// workflow → documents: the dossier was decided; make its result document. <c>Decision</c> is "approved";
/// <c>Note</c> is the decision's text; <c>DocumentIds</c> the officers' attachments (may be empty);
/// <c>DeliveryMethod</c> "online" or "post" (then <c>DeliveryAddress</c>).
/// </summary>
public sealed record ResultRequestedV1(Guid DossierId, string? Code, string? ProcedureCode, string? AgencyCode, string? ApplicantId,
    string? Decision, string? Note, IReadOnlyList<Guid>? DocumentIds, string? DeliveryMethod, string? DeliveryAddress, DateTimeOffset? DecidedAt)
{
    public const string Type = "ResultRequested.v1";
}

/// <summary>documents → workflow: the signed result document is stored (its SHA-256, hex).</summary>
public sealed record ResultIssuedV1(Guid DossierId, Guid ResultId, string? Sha256, DateTimeOffset? IssuedAt)
{
    public const string Type = "ResultIssued.v1";

    /// <summary>The workflow event it resumes (bookmarks are keyed by the dossier id).</summary>
    public const string EventName = "ResultIssued";
}

/// <summary>documents → workflow: the applicant has the result: <c>How</c> "downloaded" or "post" (dispatch recorded).</summary>
public sealed record ResultDeliveredV1(Guid DossierId, Guid ResultId, string? How, DateTimeOffset? DeliveredAt, string? TrackingNumber)
{
    public const string Type = "ResultDelivered.v1";

    /// <summary>The workflow event it resumes.</summary>
    public const string EventName = "ResultDelivered";
}
