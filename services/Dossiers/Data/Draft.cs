namespace PublicServices.Dossiers.Data;

/// <summary>
/// A dossier being prepared (hồ sơ nháp). It lives on the server so it can be resumed from any device; the
/// version number guards against two devices silently overwriting each other.
/// </summary>
public sealed class Draft
{
    public Guid Id { get; set; }
    public required string OwnerId { get; set; }
    public required string ProcedureCode { get; set; }
    public required string FormData { get; set; }
    /// <summary>JSON array of document references: <c>{ requirementCode, documentId }</c>.</summary>
    public required string Documents { get; set; }
    public int Version { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
