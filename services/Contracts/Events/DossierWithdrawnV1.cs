namespace PublicServices.Contracts.Events;

/// <summary>dossiers → workflow: the applicant withdrew the dossier (status 7); its workflow stops.</summary>
public sealed record DossierWithdrawnV1(Guid DossierId, string? Code, string? Reason, DateTimeOffset? WithdrawnAt)
{
    public const string Type = "DossierWithdrawn.v1";
}
