using Refit;

namespace PublicServices.Documents.Clients;

/// <summary>The part of the catalog API this service reads (docs/contracts.md, "Catalog API").</summary>
public interface ICatalogApi
{
    [Get("/api/catalog/procedures/{code}")]
    Task<IApiResponse<CatalogProcedure>> GetProcedureAsync(string code, CancellationToken cancel = default);
}

/// <summary>Only the fields of the catalog's Procedure that uploads need.</summary>
public sealed record CatalogProcedure(string Code, string AgencyCode, IReadOnlyList<CatalogRequirement>? RequiredDocuments);

public sealed record CatalogRequirement(string Code, string? NameVi, string? NameEn, IReadOnlyList<string>? AcceptedTypes, long MaxSizeBytes);
