using PublicServices.Contracts.Dossiers;
using Refit;

namespace PublicServices.Workflow.Clients;

/// <summary>The part of the dossiers service's internal API this service calls, with its own client token (svc-workflow).</summary>
public interface IDossiersApi
{
    /// <summary>What the dossier was filed with; 404 when the dossiers service has no such dossier.</summary>
    [Get("/api/dossiers/internal/{id}")]
    Task<IApiResponse<FiledDossier>> GetFiledAsync(Guid id, CancellationToken cancel = default);
}
