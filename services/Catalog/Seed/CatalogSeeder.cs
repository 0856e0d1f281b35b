using Microsoft.EntityFrameworkCore;
using PublicServices.Catalog.Data;
using PublicServices.Catalog.Domain.Procedures;

namespace PublicServices.Catalog.Seed;

/// <summary>
/// Puts the shipped agencies and procedures in place, upserting by code. Shipped content replaces stored content
/// only while nobody has edited it (UpdatedBy is still "seed"), so an administrator's change survives a restart;
/// the published flag is set on first insert only. Replicas starting together take turns on a PostgreSQL
/// advisory lock, and the primary keys on code stop any duplicate that could slip past.
/// </summary>
public static class CatalogSeeder
{
    /// <summary>Arbitrary, fixed key of the advisory lock that serialises seeding across replicas.</summary>
    const long SeedLockKey = 0x0CA7A1_05EED;

    public static async Task SeedAsync(CatalogDbContext db, TimeProvider? clock = null, CancellationToken cancel = default)
    {
        var now = (clock ?? TimeProvider.System).GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancel);
        if (db.Database.IsNpgsql())
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({SeedLockKey})", cancel);

        var agencies = await db.Agencies.ToDictionaryAsync(a => a.Code, cancel);
        foreach (var seed in SeedAgencies.All())
        {
            if (!agencies.TryGetValue(seed.Code, out var agency))
                db.Agencies.Add(seed);
            else
            {
                agency.NameVi = seed.NameVi;
                agency.NameEn = seed.NameEn;
                agency.Kind = seed.Kind;
                agency.ParentCode = seed.ParentCode;
                agency.Path = seed.Path;
            }
        }
        // Agencies first: procedures refer to them.
        await db.SaveChangesAsync(cancel);

        var seeds = SeedProcedures.All();
        var codes = seeds.Select(s => s.Definition.Code).ToList();
        var stored = await db.Procedures.Where(p => codes.Contains(p.Code)).ToDictionaryAsync(p => p.Code, cancel);
        foreach (var seed in seeds)
        {
            var d = seed.Definition;
            if (!stored.TryGetValue(d.Code, out var procedure))
            {
                procedure = new Procedure { Code = d.Code, Version = 1, Published = seed.Published };
                procedure.Apply(d, Procedure.SeedAuthor, now);
                db.Procedures.Add(procedure);
            }
            else if (procedure.UpdatedBy == Procedure.SeedAuthor && !procedure.HasContent(d))
            {
                procedure.Apply(d, Procedure.SeedAuthor, now);
                procedure.Version++;
            }
        }
        await db.SaveChangesAsync(cancel);
        await transaction.CommitAsync(cancel);
    }
}
