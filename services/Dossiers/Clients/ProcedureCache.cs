using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Options;
using Refit;

namespace PublicServices.Dossiers.Clients;

/// <summary>
/// Published procedures, kept briefly in memory: every submission needs its procedure, and asking the catalog each
/// time would double the hot path's network calls. This is derived data with a short lifetime (a change in the
/// catalog shows within <see cref="DossiersOptions.ProcedureCacheSeconds"/>), not shared state. Concurrent misses
/// for one code share a single call. Unknown codes and failures are not cached.
/// </summary>
public sealed class ProcedureCache(IServiceProvider services, IOptions<DossiersOptions> options, TimeProvider clock)
{
    sealed record Entry(Lazy<Task<Procedure?>> Value, DateTimeOffset Expires);

    readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);

    /// <summary>The published procedure, or null when the catalog does not know it (or does not publish it).</summary>
    /// <exception cref="CatalogUnavailableException">The catalog could not be asked.</exception>
    public async Task<Procedure?> GetAsync(string code, CancellationToken cancel)
    {
        var now = clock.GetUtcNow();
        if (!entries.TryGetValue(code, out var entry) || entry.Expires <= now)
            entry = entries.AddOrUpdate(code, c => NewEntry(c, now), (c, old) => old.Expires > now ? old : NewEntry(c, now));
        try
        {
            var procedure = await entry.Value.Value.WaitAsync(cancel);
            if (procedure is null)
                entries.TryRemove(new KeyValuePair<string, Entry>(code, entry));
            return procedure;
        }
        catch (Exception) when (!cancel.IsCancellationRequested)
        {
            entries.TryRemove(new KeyValuePair<string, Entry>(code, entry));
            throw;
        }
    }

    Entry NewEntry(string code, DateTimeOffset now) =>
        new(new Lazy<Task<Procedure?>>(() => FetchAsync(code)), now.AddSeconds(options.Value.ProcedureCacheSeconds));

    // Not bound to one caller's cancellation: other callers may be waiting on the same fetch.
    async Task<Procedure?> FetchAsync(string code)
    {
        // A typed client is resolved per call so its handler is rotated by the client factory.
        var catalog = services.GetRequiredService<ICatalogApi>();
        IApiResponse<Procedure> response;
        try { response = await catalog.GetProcedureAsync(code); }
        catch (Exception e) { throw new CatalogUnavailableException(e); }
        if (response.StatusCode == HttpStatusCode.NotFound)
            return null;
        if (!response.IsSuccessStatusCode || response.Content is null)
            throw new CatalogUnavailableException(response.Error);
        return response.Content.Published == false ? null : response.Content;
    }
}

public sealed class CatalogUnavailableException(Exception? inner)
    : Exception("The catalog service could not be asked for the procedure.", inner);
