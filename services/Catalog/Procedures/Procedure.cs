namespace PublicServices.Catalog.Procedures;

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

    public bool HasContent(ProcedureDefinition d) =>
        NameVi == d.NameVi && NameEn == d.NameEn && AgencyCode == d.AgencyCode && Level == d.Level
        && FormSchema == d.FormSchema && StatutoryWorkingDays == d.StatutoryWorkingDays && LegalBasis == d.LegalBasis
        && WorkflowDefinitionId == d.WorkflowDefinitionId
        && RequiredDocuments.SequenceEqual(d.RequiredDocuments, RequiredDocument.ContentComparer)
        && Fees.SequenceEqual(d.Fees);

    /// <summary>Replaces the content and the values derived from it; the caller decides about the version.</summary>
    public void Apply(ProcedureDefinition d, string author, DateTimeOffset now)
    {
        NameVi = d.NameVi;
        NameEn = d.NameEn;
        AgencyCode = d.AgencyCode;
        Level = d.Level;
        FormSchema = d.FormSchema;
        RequiredDocuments = [.. d.RequiredDocuments];
        Fees = [.. d.Fees];
        TotalFee = d.Fees.Sum(f => f.Amount);
        StatutoryWorkingDays = d.StatutoryWorkingDays;
        LegalBasis = d.LegalBasis;
        WorkflowDefinitionId = d.WorkflowDefinitionId;
        SearchText = Procedures.SearchText.Of(Code, d.NameVi, d.NameEn);
        UpdatedBy = author;
        UpdatedAt = now;
    }
}

/// <summary>The content of a procedure, as seeded or as an administrator submits it (already validated).</summary>
public sealed record ProcedureDefinition(
    string Code,
    string NameVi,
    string NameEn,
    string AgencyCode,
    int Level,
    string FormSchema,
    IReadOnlyList<RequiredDocument> RequiredDocuments,
    IReadOnlyList<Fee> Fees,
    int StatutoryWorkingDays,
    string LegalBasis,
    string WorkflowDefinitionId);

/// <summary>A document the applicant must (or may) attach; the documents service enforces types and size.</summary>
public sealed record RequiredDocument(string Code, string NameVi, string NameEn, bool Mandatory,
    IReadOnlyList<string> AcceptedTypes, long MaxSizeBytes)
{
    /// <summary>Records compare lists by reference; content equality needs the types compared item by item.</summary>
    public static readonly IEqualityComparer<RequiredDocument> ContentComparer = new Comparer();

    sealed class Comparer : IEqualityComparer<RequiredDocument>
    {
        public bool Equals(RequiredDocument? x, RequiredDocument? y) =>
            x is not null && y is not null && x.Code == y.Code && x.NameVi == y.NameVi && x.NameEn == y.NameEn
            && x.Mandatory == y.Mandatory && x.MaxSizeBytes == y.MaxSizeBytes && x.AcceptedTypes.SequenceEqual(y.AcceptedTypes);
        public int GetHashCode(RequiredDocument d) => HashCode.Combine(d.Code, d.MaxSizeBytes);
    }
}

/// <summary>A fee or charge (phí, lệ phí) in VND.</summary>
public sealed record Fee(string Code, string NameVi, string NameEn, long Amount);

/// <summary>The file types an applicant may upload, by MIME type.</summary>
public static class DocumentTypes
{
    public const string Pdf = "application/pdf";
    public const string Jpeg = "image/jpeg";
    public const string Png = "image/png";
    public static readonly IReadOnlySet<string> Allowed = new HashSet<string>(StringComparer.Ordinal) { Pdf, Jpeg, Png };
}
