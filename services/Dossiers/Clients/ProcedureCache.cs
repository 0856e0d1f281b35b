using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using PublicServices.Contracts.Catalog;
using PublicServices.ServiceDefaults;

namespace PublicServices.Dossiers.Clients;

/// <summary>
/// Published procedures, kept briefly in memory: every submission needs its procedure, and asking the catalog each
/// time would double the hot path's network calls. This is derived data with a short lifetime (a change in the
/// catalog shows within <see cref="DossiersOptions.ProcedureCacheSeconds"/>), not shared state. Concurrent misses
/// for one code share a single call. Unknown codes and failures are not cached.
/// </summary>
public sealed class ProcedureCache(IServiceProvider services, IOptions<DossiersOptions> options, TimeProvider clock, ILogger<ProcedureCache> log)
{
    sealed record Entry(Lazy<Task<Reply<CatalogProcedure>>> Value, DateTimeOffset Expires);

    readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);

    /// <summary>The published procedure; NotFound when the catalog does not know it or does not publish it; Unavailable when it could not be asked.</summary>
    public async Task<Reply<CatalogProcedure>> GetAsync(string code, CancellationToken cancel)
    {
        var now = clock.GetUtcNow();
        if (!entries.TryGetValue(code, out var entry) || entry.Expires <= now)
            entry = entries.AddOrUpdate(code, c => NewEntry(c, now), (c, old) => old.Expires > now ? old : NewEntry(c, now));
        var reply = await entry.Value.Value.WaitAsync(cancel);
        if (reply.Kind != ReplyKind.Found)
            entries.TryRemove(new KeyValuePair<string, Entry>(code, entry));
        return reply;
    }

    Entry NewEntry(string code, DateTimeOffset now) =>
        new(new Lazy<Task<Reply<CatalogProcedure>>>(() => FetchAsync(code)), now.AddSeconds(options.Value.ProcedureCacheSeconds));

    // Not bound to one caller's cancellation: other callers may be waiting on the same fetch.
    async Task<Reply<CatalogProcedure>> FetchAsync(string code)
    {
        // A typed client is resolved per call so its handler is rotated by the client factory.
        var catalog = services.GetRequiredService<ICatalogApi>();
        var reply = await Reply.AskAsync(c => catalog.GetProcedureAsync(code, c), log, "procedure " + code, CancellationToken.None);
        return reply.Value is { Published: false } ? new Reply<CatalogProcedure>(ReplyKind.NotFound, null) : reply;
    }
}
