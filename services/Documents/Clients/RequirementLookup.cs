using System.Net;
using Refit;

namespace PublicServices.Documents.Clients;

public abstract record LookupResult
{
    public sealed record Found(CatalogProcedure Procedure, CatalogRequirement Requirement) : LookupResult;
    public sealed record UnknownProcedure : LookupResult;
    public sealed record UnknownRequirement : LookupResult;
    public sealed record CatalogUnavailable : LookupResult;
}

/// <summary>Finds a procedure's required document in the catalog, which owns the accepted types and size limits.</summary>
public sealed class RequirementLookup(ICatalogApi catalog, ILogger<RequirementLookup> log)
{
    public async Task<LookupResult> FindAsync(string procedureCode, string requirementCode, CancellationToken cancel)
    {
        IApiResponse<CatalogProcedure> response;
        try
        {
            response = await catalog.GetProcedureAsync(procedureCode, cancel);
        }
        catch (Exception e) when (e is HttpRequestException or ApiException or TimeoutException or Polly.ExecutionRejectedException)
        {
            log.LogWarning(e, "Catalog lookup of {Procedure} failed", procedureCode);
            return new LookupResult.CatalogUnavailable();
        }
        if (response.StatusCode == HttpStatusCode.NotFound)
            return new LookupResult.UnknownProcedure();
        if (!response.IsSuccessStatusCode || response.Content is null)
        {
            log.LogWarning(response.Error, "Catalog answered {Status} for {Procedure}", (int?)response.StatusCode, procedureCode);
            return new LookupResult.CatalogUnavailable();
        }
        var requirement = response.Content.RequiredDocuments?.FirstOrDefault(r => r.Code == requirementCode);
        return requirement is null ? new LookupResult.UnknownRequirement() : new LookupResult.Found(response.Content, requirement);
    }
}
