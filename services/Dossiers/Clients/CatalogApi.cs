using System.Text.Json;
using System.Text.Json.Serialization;
using Refit;

namespace PublicServices.Dossiers.Clients;

/// <summary>The part of the catalog service's API this service calls (docs/contracts.md, Catalog API).</summary>
public interface ICatalogApi
{
    [Get("/api/catalog/procedures/{code}")]
    Task<IApiResponse<Procedure>> GetProcedureAsync(string code, CancellationToken cancel = default);
}

/// <summary>Only the procedure fields a submission needs.</summary>
public sealed record Procedure(
    string Code,
    string NameVi,
    string NameEn,
    string AgencyCode,
    JsonElement FormSchema,
    IReadOnlyList<RequiredDocument> RequiredDocuments,
    int StatutoryWorkingDays,
    bool? Published,
    [property: JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)] int Version,
    string? WorkflowDefinitionId = null);

public sealed record RequiredDocument(string Code, string NameVi, string NameEn, bool Mandatory);
