namespace PublicServices.Catalog.Data;

/// <summary>
/// An administrative procedure (thủ tục hành chính) as an agency publishes it. Only the current version is kept;
/// <see cref="Version"/> grows with every change of content, and a dossier records the version it was filed under.
/// </summary>
public sealed class Procedure
{
    public required string Code { get; set; }
    public string NameVi { get; set; } = "";
    public string NameEn { get; set; } = "";
    public string AgencyCode { get; set; } = "";
    /// <summary>Online service level: 3 (partial online) or 4 (full online).</summary>
    public int Level { get; set; }
    /// <summary>JSON Schema 2020-12 of the online form, stored as text so every provider can hold it.</summary>
    public string FormSchema { get; set; } = "{}";
    public List<RequiredDocument> RequiredDocuments { get; set; } = [];
    public List<Fee> Fees { get; set; } = [];
    /// <summary>Sum of <see cref="Fees"/>, kept so that search never reads the fee list.</summary>
    public long TotalFee { get; set; }
    public int StatutoryWorkingDays { get; set; }
    public string LegalBasis { get; set; } = "";
    public string WorkflowDefinitionId { get; set; } = "";
    public bool Published { get; set; }
    /// <summary>Content version; also the optimistic-concurrency token.</summary>
    public int Version { get; set; }
    /// <summary>Code and both names without diacritics, lower-case: what search matches against.</summary>
    public string SearchText { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary><see cref="SeedAuthor"/> while the content is the shipped one; the admin's subject once edited.</summary>
    public string UpdatedBy { get; set; } = "";

    public const string SeedAuthor = "seed";
}
