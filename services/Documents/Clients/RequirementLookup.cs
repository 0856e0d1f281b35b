using PublicServices.Contracts.Catalog;
using PublicServices.ServiceDefaults;

namespace PublicServices.Documents.Clients;

public abstract record LookupResult
{
    public sealed record Found(CatalogProcedure Procedure, CatalogRequirement Requirement) : LookupResult;
    public sealed record UnknownProcedure : LookupResult;
    public sealed record UnknownRequirement : LookupResult;
    public sealed record CatalogUnavailable : LookupResult;
}

/// <summary>
/// Finds a procedure's required document in the catalog, which owns the accepted types and size limits. Whether the
/// catalog could be asked at all is decided by <see cref="Reply.AskAsync"/>, as for every call to another service.
/// </summary>
public sealed class RequirementLookup(ICatalogApi catalog, ILogger<RequirementLookup> log)
{
    public async Task<LookupResult> FindAsync(string procedureCode, string requirementCode, CancellationToken cancel)
    {
        var reply = await Reply.AskAsync(c => catalog.GetProcedureAsync(procedureCode, c), log, $"procedure {procedureCode}", cancel);
        return reply switch
        {
            { Kind: ReplyKind.Found, Value: { } procedure } =>
                procedure.RequiredDocuments?.FirstOrDefault(r => r.Code == requirementCode) is { } requirement
                    ? new LookupResult.Found(procedure, requirement)
                    : new LookupResult.UnknownRequirement(),
            { Kind: ReplyKind.NotFound } => new LookupResult.UnknownProcedure(),
            _ => new LookupResult.CatalogUnavailable(),
        };
    }
}
