namespace PublicServices.Workflow.Events;

/// <summary>
/// dossiers → workflow: a dossier was submitted (docs/contracts.md, Events). With <see cref="StatutoryWorkingDays"/>
/// and <see cref="AgencyCode"/> the event says all a start needs; an event without them makes the consumer ask the catalog.
/// </summary>
public sealed record DossierSubmittedV1(Guid DossierId, string? Code, string? ProcedureCode, int? ProcedureVersion, string? AgencyCode,
    string? ApplicantId, DateTimeOffset? SubmittedAt, IReadOnlyList<Guid>? DocumentIds, string? WorkflowDefinitionId = null,
    int? StatutoryWorkingDays = null)
{
    public const string Type = "DossierSubmitted.v1";
}

/// <summary>dossiers → workflow: the applicant answered a supplement request.</summary>
public sealed record SupplementSubmittedV1(Guid DossierId, string? Code, Guid SupplementId, IReadOnlyList<Guid>? DocumentIds, string? Note,
    DateTimeOffset? SubmittedAt)
{
    public const string Type = "SupplementSubmitted.v1";
    /// <summary>The runtime event it resumes (bookmarks are keyed by the dossier id).</summary>
    public const string EventName = "SupplementSubmitted";
}

/// <summary>payments → workflow: the fee was paid (the payment service comes later; the contract is fixed now).</summary>
public sealed record PaymentReceivedV1(Guid PaymentId, Guid DossierId, long Amount, string? Currency, string? Provider,
    string? ProviderTransactionNo, DateTimeOffset? PaidAt)
{
    public const string Type = "PaymentReceived.v1";
    public const string EventName = "PaymentReceived";
}

/// <summary>What the consumer did with an event (the body of a 200 answer).</summary>
/// <param name="Outcome">started, already_started, resumed, nothing_waiting or duplicate.</param>
public sealed record EventOutcome(string Outcome, Guid? InstanceId = null, int Resumed = 0);
