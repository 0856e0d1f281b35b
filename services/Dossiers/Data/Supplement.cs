namespace PublicServices.Dossiers.Data;

/// <summary>What the applicant supplied in answer to one supplement request (hồ sơ bổ sung); one answer per request.</summary>
public sealed class Supplement
{
    /// <summary>The longest note an applicant may add.</summary>
    public const int MaxNoteLength = 2000;

    public Guid Id { get; set; }
    public Guid DossierId { get; set; }
    /// <summary>The request answered; unique, so two answers racing for it cannot both be stored.</summary>
    public Guid RequestId { get; set; }
    public string? Note { get; set; }
    /// <summary>JSON array of <see cref="DossierDocument"/>.</summary>
    public required string Documents { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }
}
