using PublicServices.Contracts.Catalog;
using PublicServices.ServiceDefaults;

namespace PublicServices.Documents.Clients;

/// <summary>The names a result prints: the agency's and the procedure's, from the catalog; null when the catalog cannot answer.</summary>
public sealed record ResultNames(string AgencyName, string? ProcedureName);

public sealed class AgencyLookup(ICatalogApi catalog, ILogger<AgencyLookup> log)
{
    /// <summary>
    /// The Vietnamese names; an agency or procedure the catalog does not know prints its code (the result is still owed),
    /// a catalog that cannot be asked gives null (the event is retried).
    /// </summary>
    public async Task<ResultNames?> NamesAsync(string agencyCode, string procedureCode, CancellationToken cancel)
    {
        var agency = await Reply.AskAsync(c => catalog.GetAgencyAsync(agencyCode, c), log, $"agency {agencyCode}", cancel);
        if (agency.Kind is not (ReplyKind.Found or ReplyKind.NotFound))
            return null;
        var procedure = await Reply.AskAsync(c => catalog.GetProcedureAsync(procedureCode, c), log, $"procedure {procedureCode}", cancel);
        if (procedure.Kind is not (ReplyKind.Found or ReplyKind.NotFound))
            return null;
        return new ResultNames(agency.Value?.NameVi is { Length: > 0 } name ? name : agencyCode, procedure.Value?.NameVi);
    }
}
