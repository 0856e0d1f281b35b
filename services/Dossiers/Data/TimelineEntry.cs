using PublicServices.Contracts.Dossiers;

namespace PublicServices.Dossiers.Data;

/// <summary>One step of a dossier's history: which status, when, and who did it.</summary>
public sealed class TimelineEntry
{
    public Guid Id { get; set; }
    public Guid DossierId { get; set; }
    public DossierStatus Status { get; set; }
    public DateTimeOffset At { get; set; }
    public required string ActorId { get; set; }
    public required string ActorName { get; set; }
    public string? Note { get; set; }
    /// <summary>Why: a refusal's or a supplement request's reason.</summary>
    public string? Reason { get; set; }
    /// <summary>Null for a status change; <see cref="TimelineKinds.SupplementSubmitted"/> when the applicant supplied documents.</summary>
    public string? Kind { get; set; }
}

public static class TimelineKinds
{
    public const string SupplementSubmitted = "supplement-submitted";
}
