namespace PublicServices.Documents.Data;

/// <summary>
/// The result document (kết quả giải quyết) of one dossier: a signed PDF in object storage under <see cref="StorageKey"/>,
/// its CMS/PKCS#7 detached signature in <see cref="Signature"/>, and how it reached the applicant.
/// </summary>
public sealed class ResultDocument
{
    public Guid Id { get; set; }
    /// <summary>Unique: one result per dossier, whatever the number of requests.</summary>
    public Guid DossierId { get; set; }
    /// <summary>The ResultRequested.v1 event that made it.</summary>
    public Guid RequestEventId { get; set; }
    public required string DossierCode { get; set; }
    public required string ProcedureCode { get; set; }
    public string? ProcedureName { get; set; }
    public required string AgencyCode { get; set; }
    public required string AgencyName { get; set; }
    public required string ApplicantId { get; set; }
    public required string Decision { get; set; }
    public string? Note { get; set; }
    /// <summary><see cref="Contracts.Dossiers.ResultDelivery.Online"/> or <see cref="Contracts.Dossiers.ResultDelivery.Post"/>.</summary>
    public required string DeliveryMethod { get; set; }
    public string? DeliveryAddress { get; set; }
    public DateTime IssuedAt { get; set; }
    /// <summary>Lower-case hex SHA-256 of the stored PDF.</summary>
    public required string Sha256 { get; set; }
    public long Size { get; set; }
    public required string FileName { get; set; }
    public required string StorageKey { get; set; }
    /// <summary>The DER-encoded detached SignedCms (.p7s) over the PDF's bytes.</summary>
    public required byte[] Signature { get; set; }
    /// <summary>SHA-256 thumbprint of the certificate that signed it: a signature by any other certificate is not this agency's.</summary>
    public required string CertificateThumbprint { get; set; }
    /// <summary>The applicant's first download.</summary>
    public DateTime? DownloadedAt { get; set; }
    public DateTime? DispatchedAt { get; set; }
    public string? DispatchedBy { get; set; }
    public string? TrackingNumber { get; set; }
}

/// <summary>
/// A development signing certificate (PKCS#12, no password) generated for an agency in the Demo or Development
/// environment. Kept here, not in a process's memory, so every replica signs with the same one.
/// </summary>
public sealed class SigningCertificate
{
    public required string AgencyCode { get; set; }
    public required byte[] Pfx { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>Longest texts a result keeps (characters).</summary>
public static class ResultLimits
{
    public const int Note = 2000;
    public const int Address = 500;
    public const int TrackingNumber = 100;
}
