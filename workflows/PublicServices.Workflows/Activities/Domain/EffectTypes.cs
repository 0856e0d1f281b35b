namespace PublicServices.Workflows.Activities.Domain;

/// <summary>Effect (outbox event) types the domain activities emit; payloads as in docs/contracts.md.</summary>
public static class EffectTypes
{
    /// <summary>workflow → dossiers: the dossier's national status, due date, reason and supplement request.</summary>
    public const string DossierStatusChanged = "DossierStatusChanged.v1";
    /// <summary>workflow → notifications: a templated message to the applicant (or officers, on escalation).</summary>
    public const string NotificationRequested = "NotificationRequested.v1";
    /// <summary>workflow → payments (later): <c>dossierId, code, agencyCode, amount (VND), currency, note</c>.</summary>
    public const string PaymentRequested = "PaymentRequested.v1";
    /// <summary>workflow → dossiers: <c>dossierId, fromAgency, toAgency, at, actorId, actorName, note</c>.</summary>
    public const string DossierTransferred = "DossierTransferred.v1";
}

/// <summary>Event names that resume waiting activities (delivered with the dossier id as correlation id).</summary>
public static class WorkflowEvents
{
    /// <summary>The applicant supplied what a supplement request asked for (<c>SupplementSubmitted.v1</c>).</summary>
    public const string SupplementSubmitted = "SupplementSubmitted";
    /// <summary>The fee was paid (<c>PaymentReceived.v1</c>).</summary>
    public const string PaymentReceived = "PaymentReceived";
}
