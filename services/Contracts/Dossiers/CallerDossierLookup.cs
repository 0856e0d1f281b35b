using System.Net;
using Microsoft.Extensions.Logging;
using Refit;

namespace PublicServices.Contracts.Dossiers;

public abstract record DossierLookupResult
{
    public sealed record Found(DossierHeader Dossier) : DossierLookupResult;
    /// <summary>Unknown, or not the caller's to see: the dossiers service does not tell the two apart.</summary>
    public sealed record NotFound : DossierLookupResult;
    /// <summary>401 or 403: the caller's token is no good at the dossiers service (e.g. it lacks that audience).</summary>
    public sealed record Refused : DossierLookupResult;
    public sealed record Unavailable : DossierLookupResult;
}

/// <summary>
/// Asks the dossiers service for a dossier with the caller's own token (the services register <see cref="IDossierHeadersApi"/>
/// with ServiceDefaults' CallerTokenHandler). Unlike
/// <c>Reply.AskAsync</c>, a 401 or 403 is the caller's answer, not an outage: retrying would not change it.
/// </summary>
public sealed class CallerDossierLookup(IDossierHeadersApi dossiers, ILogger<CallerDossierLookup> log)
{
    public async Task<DossierLookupResult> FindAsync(Guid id, CancellationToken cancel)
    {
        IApiResponse<DossierHeader> response;
        try
        {
            response = await dossiers.GetAsync(id, cancel);
        }
        catch (Exception e) when (!cancel.IsCancellationRequested)
        {
            log.LogWarning(e, "Asking for dossier {DossierId} failed", id);
            return new DossierLookupResult.Unavailable();
        }
        using (response)
        {
            switch (response.StatusCode)
            {
                case HttpStatusCode.OK when response.Content is { } dossier:
                    return new DossierLookupResult.Found(dossier);
                case HttpStatusCode.NotFound:
                    return new DossierLookupResult.NotFound();
                case HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden:
                    return new DossierLookupResult.Refused();
                default:
                    log.LogWarning(response.Error, "Asking for dossier {DossierId} got {Status}", id, (int?)response.StatusCode);
                    return new DossierLookupResult.Unavailable();
            }
        }
    }
}
