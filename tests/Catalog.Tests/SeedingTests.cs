using Microsoft.EntityFrameworkCore;
using PublicServices.Catalog.Data;
using PublicServices.Catalog.Seed;
using PublicServices.Catalog.Tests.Support;

namespace PublicServices.Catalog.Tests;

/// <summary>The service seeded its database on start; these tests seed it again, alone and in parallel.</summary>
public sealed class SeedingTests(CatalogApp app) : IClassFixture<CatalogApp>
{
    Task Seed() => app.WithDb(async db => { await CatalogSeeder.SeedAsync(db); return 0; });

    [Fact]
    public async Task Seeding_again_and_again_even_in_parallel_leaves_exactly_one_copy_of_everything_unchanged()
    {
        var before = await Snapshot();

        await Seed();
        await Seed();
        // Two replicas starting together: the advisory lock lets one seed at a time.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(Seed)));

        var after = await Snapshot();
        Assert.Equal(before, after);
        Assert.Equal(SeedProcedures.All().Select(s => s.Definition.Code).Order(), after.Select(p => p.Code));
        var agencies = await app.WithDb(db => db.Agencies.AsNoTracking().Select(a => a.Code).ToListAsync());
        Assert.Equal(SeedAgencies.All().Select(a => a.Code).Order(), agencies.Order());
    }

    Task<List<(string Code, int Version, bool Published)>> Snapshot() => app.WithDb(async db =>
        (await db.Procedures.AsNoTracking().OrderBy(p => p.Code).Select(p => new { p.Code, p.Version, p.Published }).ToListAsync())
            .Select(p => (p.Code, p.Version, p.Published)).ToList());

    [Fact]
    public async Task Seeding_restores_shipped_content_nobody_edited_but_keeps_an_admins_edit_and_publication()
    {
        await app.WithDb(async db =>
        {
            var stale = await db.Procedures.SingleAsync(p => p.Code == SeedProcedures.JudicialRecord);
            stale.Fees = [new Fee("phi-cu", "Phí cũ", "Old fee", 1)];
            stale.TotalFee = 1;
            var edited = await db.Procedures.SingleAsync(p => p.Code == SeedProcedures.DrivingLicenceRenewal);
            edited.NameEn = "Driving licence renewal (edited)";
            edited.UpdatedBy = "admin-7";
            edited.Version = 2;
            var unpublished = await db.Procedures.SingleAsync(p => p.Code == SeedProcedures.BusinessHousehold);
            unpublished.Published = false;
            return await db.SaveChangesAsync();
        });

        await Seed();

        var after = await app.WithDb(db => db.Procedures.AsNoTracking().ToDictionaryAsync(p => p.Code));
        var judicial = after[SeedProcedures.JudicialRecord];
        Assert.Equal(200_000, judicial.TotalFee);
        Assert.Equal("phi-cung-cap-ly-lich-tu-phap", Assert.Single(judicial.Fees).Code);
        Assert.Equal(2, judicial.Version);
        Assert.Equal("Driving licence renewal (edited)", after[SeedProcedures.DrivingLicenceRenewal].NameEn);
        Assert.Equal(2, after[SeedProcedures.DrivingLicenceRenewal].Version);
        Assert.False(after[SeedProcedures.BusinessHousehold].Published);
    }
}
