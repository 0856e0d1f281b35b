using Microsoft.EntityFrameworkCore;

namespace PublicServices.Identity.Data;

/// <summary>
/// The server keys in the database. A missing key is generated and inserted with ON CONFLICT DO NOTHING, then read
/// back, so replicas starting together all end up with whichever insert won.
/// </summary>
public static class ServerKeyStore
{
    /// <summary>The material of the key with this purpose, created from <paramref name="generate"/> when there is none.</summary>
    public static async Task<string> GetOrCreateAsync(IdentityDb db, string id, Func<string> generate, CancellationToken cancel)
    {
        var existing = await db.ServerKeys.AsNoTracking().Where(k => k.Id == id).Select(k => k.Material).FirstOrDefaultAsync(cancel);
        if (existing is not null) return existing;
        // Both PostgreSQL and SQLite know ON CONFLICT; the loser of a race inserts nothing and reads the winner's key.
        await db.Database.ExecuteSqlAsync(
            $"""INSERT INTO "ServerKeys" ("Id", "Material", "CreatedAt") VALUES ({id}, {generate()}, {DateTimeOffset.UtcNow}) ON CONFLICT ("Id") DO NOTHING""",
            cancel);
        return await db.ServerKeys.AsNoTracking().Where(k => k.Id == id).Select(k => k.Material).SingleAsync(cancel);
    }
}
