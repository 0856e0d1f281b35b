namespace PublicServices.Dossiers.Data;

/// <summary>A document attached to a dossier, as the documents service confirmed it.</summary>
public sealed record DossierDocument(string RequirementCode, Guid DocumentId, string FileName, string ContentType, long Size, string Sha256);
