namespace PublicServices.Contracts.Events;

/// <summary>
/// workflow → dossiers: the dossier's national status (<see cref="Dossiers.DossierStatus"/>), with the statutory due
/// date in force (null while a supplement stops the clock) and, for status 5, what the applicant must supply.
/// </summary>
public sealed record DossierStatusChangedV1(Guid DossierId, int Status, DateTimeOffset At, string? ActorId, string? ActorName,
    string? Note, string? Reason, DateTimeOffset? DueAt, SupplementAsked? Supplement)
{
    public const string Type = "DossierStatusChanged.v1";
}

/// <summary>A supplement request inside a status change: why, and which requirement codes to supply.</summary>
public sealed record SupplementAsked(string? Reason, IReadOnlyList<string>? Documents);
