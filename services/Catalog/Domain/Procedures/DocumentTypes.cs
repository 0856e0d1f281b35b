namespace PublicServices.Catalog.Domain.Procedures;

/// <summary>The file types an applicant may upload, by MIME type.</summary>
public static class DocumentTypes
{
    public const string Pdf = "application/pdf";
    public const string Jpeg = "image/jpeg";
    public const string Png = "image/png";
    public static readonly IReadOnlySet<string> Allowed = new HashSet<string>(StringComparer.Ordinal) { Pdf, Jpeg, Png };
}
