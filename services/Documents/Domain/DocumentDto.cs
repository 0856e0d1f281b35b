using PublicServices.Documents.Data;

namespace PublicServices.Documents.Domain;

/// <summary>The Document of docs/contracts.md.</summary>
public sealed record DocumentDto(
    Guid Id, string OwnerId, string ProcedureCode, string RequirementCode, string FileName, string ContentType,
    long Size, string Sha256, DateTime CreatedAt, DateTime? ExpiresAt, Guid? DossierId);

public static class DocumentMapping
{
    public static DocumentDto AsDto(this Document d) => new(d.Id, d.OwnerId, d.ProcedureCode, d.RequirementCode,
        d.FileName, d.ContentType, d.Size, d.Sha256, d.CreatedAt, d.ExpiresAt, d.DossierId);
}
