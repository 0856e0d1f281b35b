using Refit;

namespace PublicServices.Documents.Clients;

/// <summary>The part of the dossiers service's API this service calls (docs/contracts.md, Dossiers API).</summary>
public interface IDossiersApi
{
    /// <summary>The dossier, when the caller may see it (an officer: one of their agency); 404 otherwise.</summary>
    [Get("/api/dossiers/{id}")]
    Task<IApiResponse<DossierHeader>> GetAsync(Guid id, CancellationToken cancel = default);
}

/// <summary>The fields of a dossier this service records on an officer's file.</summary>
public sealed record DossierHeader(Guid Id, string Code, string ProcedureCode, string AgencyCode);
