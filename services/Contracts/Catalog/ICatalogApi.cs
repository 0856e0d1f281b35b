using System.Text.Json;
using System.Text.Json.Serialization;
using Refit;

namespace PublicServices.Contracts.Catalog;

/// <summary>The catalog's public API as other services call it (docs/contracts.md, Catalog API).</summary>
public interface ICatalogApi
{
    [Get("/api/catalog/procedures/{code}")]
    Task<IApiResponse<CatalogProcedure>> GetProcedureAsync(string code, CancellationToken cancel = default);

    [Get("/api/catalog/agencies/{code}")]
    Task<IApiResponse<CatalogAgency>> GetAgencyAsync(string code, CancellationToken cancel = default);
}

/// <summary>The fields of the catalog's agency that other services read (its name in both languages).</summary>
public sealed record CatalogAgency(string Code, string? NameVi, string? NameEn);

/// <summary>The fields of the catalog's procedure that other services read.</summary>
public sealed record CatalogProcedure(
    string Code,
    string NameVi,
    string NameEn,
    string AgencyCode,
    JsonElement FormSchema,
    IReadOnlyList<CatalogRequirement>? RequiredDocuments,
    int StatutoryWorkingDays,
    bool? Published,
    [property: JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)] int Version,
    string? WorkflowDefinitionId = null,
    IReadOnlyList<CatalogFee>? Fees = null);

/// <summary>A fee in VND and when it is due: "submission" or "result" (before the result is handed over).</summary>
public sealed record CatalogFee(string Code, string? NameVi, string? NameEn, long Amount, string? Due);

/// <summary>A document the procedure requires: accepted content types and the size limit, as the catalog owns them.</summary>
public sealed record CatalogRequirement(string Code, string? NameVi, string? NameEn, bool Mandatory, IReadOnlyList<string>? AcceptedTypes,
    long MaxSizeBytes);
