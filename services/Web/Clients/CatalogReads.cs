using Microsoft.Extensions.Caching.Memory;

namespace PublicServices.Web.Clients;

/// <summary>
/// The public catalog as the pages read it: a procedure and the agency tree, kept by this process for half a minute.
/// Nearly every page names a procedure or an agency, and they change a few times a year; a copy per replica is
/// derived data, not shared state (a published change shows within the half minute, as at the gateway's edge cache).
/// </summary>
public sealed class CatalogReads(ICatalogClient catalog, IMemoryCache cache)
{
    static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    /// <summary>The published procedure, or null when the catalog knows none by that code.</summary>
    public async Task<Procedure?> ProcedureAsync(string code, CancellationToken cancel)
    {
        var key = ("procedure", code);
        if (cache.TryGetValue(key, out Procedure? kept))
            return kept;
        var found = (await catalog.GetAsync(code, cancel)).Content;
        // Only a found procedure is kept: a code that does not exist yet may be published in a moment.
        if (found is not null)
            cache.Set(key, found, Lifetime);
        return found;
    }

    public async Task<IReadOnlyList<Agency>> AgenciesAsync(CancellationToken cancel) =>
        await cache.GetOrCreateAsync("agencies", async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = Lifetime;
            return await catalog.AgenciesAsync(cancel);
        }) ?? [];

    /// <summary>The agency's name in the request's language, or its code when the tree does not hold it.</summary>
    public async Task<string> AgencyNameAsync(string code, CancellationToken cancel) =>
        Find(await AgenciesAsync(cancel), code) is { } a ? Domain.Display.Pick(a.NameVi, a.NameEn) : code;

    static Agency? Find(IEnumerable<Agency> agencies, string code) =>
        agencies.Select(a => a.Code == code ? a : Find(a.Children, code)).FirstOrDefault(a => a is not null);
}
