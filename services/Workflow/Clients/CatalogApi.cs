using System.Text.Json.Serialization;
using Refit;

namespace PublicServices.Workflow.Clients;

/// <summary>The part of the catalog service's API this service calls (docs/contracts.md, Catalog API).</summary>
public interface ICatalogApi
{
    [Get("/api/catalog/procedures/{code}")]
    Task<IApiResponse<Procedure>> GetProcedureAsync(string code, CancellationToken cancel = default);
}

/// <summary>Only the procedure fields starting a workflow needs.</summary>
public sealed record Procedure(
    string Code,
    string AgencyCode,
    [property: JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)] decimal StatutoryWorkingDays,
    string? WorkflowDefinitionId);
