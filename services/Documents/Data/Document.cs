namespace PublicServices.Documents.Data;

/// <summary>
/// One uploaded file (tài liệu, thành phần hồ sơ): the metadata row; the bytes live in object storage under
/// <see cref="StorageKey"/>, which is the document id and never the user's file name.
/// </summary>
public sealed class Document
{
    public Guid Id { get; set; }
    public required string OwnerId { get; set; }
    public required string ProcedureCode { get; set; }
    public required string RequirementCode { get; set; }
    /// <summary>The sanitized name the user gave the file; metadata only.</summary>
    public required string FileName { get; set; }
    /// <summary>Sniffed from the first bytes, never taken from the client.</summary>
    public required string ContentType { get; set; }
    public long Size { get; set; }
    /// <summary>Lower-case hex SHA-256 of the stored bytes.</summary>
    public string Sha256 { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    /// <summary>When an unattached upload is swept; null once attached to a dossier.</summary>
    public DateTime? ExpiresAt { get; set; }
    public Guid? DossierId { get; set; }
    /// <summary>When it was first attached to <see cref="DossierId"/> (null for officers' files and rows from before it was recorded).</summary>
    public DateTime? AttachedAt { get; set; }
    public string? DossierCode { get; set; }
    /// <summary>The dossier's agency: its officers may read the document once attached.</summary>
    public string? AgencyCode { get; set; }
    public required string StorageKey { get; set; }
    public DocumentStatus Status { get; set; }

    public bool IsAttached => DossierId is not null;
}
