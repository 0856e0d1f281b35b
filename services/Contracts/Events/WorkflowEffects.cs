namespace PublicServices.Contracts.Events;

/// <summary>
/// Events the workflow sends whose consumers are newer than the workflow (notifications) or still to come (payments,
/// transfers). Their payloads are in docs/contracts.md; the records come with their consumers
/// (<see cref="NotificationRequestedV1"/>).
/// </summary>
public static class WorkflowEffects
{
    /// <summary>workflow → notifications: a templated message to the applicant (or to officers, on escalation).</summary>
    public const string NotificationRequested = "NotificationRequested.v1";

    /// <summary>workflow → payments: <c>dossierId, code, agencyCode, amount (VND), currency, note</c>.</summary>
    public const string PaymentRequested = "PaymentRequested.v1";

    /// <summary>workflow → documents: <see cref="ResultRequestedV1"/>.</summary>
    public const string ResultRequested = ResultRequestedV1.Type;

    /// <summary>workflow → payments: <see cref="RefundRequestedV1"/>.</summary>
    public const string RefundRequested = RefundRequestedV1.Type;

    /// <summary>workflow → dossiers: <c>dossierId, fromAgency, toAgency, at, actorId, actorName, note</c>.</summary>
    public const string DossierTransferred = "DossierTransferred.v1";
}
