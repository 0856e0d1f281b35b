using Refit;

namespace PublicServices.Contracts.Dossiers;

/// <summary>
/// The dossiers service's <c>GET /api/dossiers/{id}</c>, called with the caller's own token (docs/contracts.md, Dossiers
/// API): the dossier when the caller may see it (its applicant, or an officer of its agency), 404 otherwise.
/// </summary>
public interface IDossierHeadersApi
{
    [Get("/api/dossiers/{id}")]
    Task<IApiResponse<DossierHeader>> GetAsync(Guid id, CancellationToken cancel = default);
}

/// <summary>The fields of a dossier other services record or check.</summary>
public sealed record DossierHeader(Guid Id, string Code, string ProcedureCode, string AgencyCode, string? ApplicantId = null);
