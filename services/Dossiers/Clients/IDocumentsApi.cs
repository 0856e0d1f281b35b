using Refit;

namespace PublicServices.Dossiers.Clients;

/// <summary>The part of the documents service's API this service calls (docs/contracts.md, Documents API).</summary>
public interface IDocumentsApi
{
    /// <summary>Attaches the applicant's uploads to a dossier; idempotent for the same dossier, so a retry is safe.</summary>
    [Post("/api/documents/attachments")]
    Task<IApiResponse<List<AttachedDocument>>> AttachAsync([Body] AttachDocumentsRequest request, CancellationToken cancel = default);

    /// <summary>Frees the uploads attached to a dossier that was never stored; idempotent.</summary>
    [Post("/api/documents/attachments/release")]
    Task<IApiResponse> ReleaseAsync([Body] ReleaseDocumentsRequest request, CancellationToken cancel = default);
}

public sealed record ReleaseDocumentsRequest(Guid DossierId, string OwnerId);

/// <summary>The dossier, its uploads, its procedure and the required document each upload is filed under (checked there).</summary>
public sealed record AttachDocumentsRequest(Guid DossierId, string DossierCode, string OwnerId, string AgencyCode, IReadOnlyList<Guid> DocumentIds,
    string ProcedureCode, IReadOnlyDictionary<Guid, string> Requirements);

public sealed record AttachedDocument(Guid Id, string OwnerId, string ProcedureCode, string RequirementCode, string FileName,
    string ContentType, long Size, string Sha256, Guid? DossierId);
