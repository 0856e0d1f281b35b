using Microsoft.EntityFrameworkCore;
using PublicServices.Dossiers.Data;

namespace PublicServices.Dossiers.Tests.Integration;

/// <summary>The PostgreSQL sequences behind dossier numbers: one per (agency, day), created on first use, dropped later.</summary>
public sealed class DossierNumbersTests(DossiersHost host) : IClassFixture<DossiersHost>
{
    static readonly DateOnly Day = new(2026, 3, 2);

    Task<long> NextAsync(string agency, DateOnly day) =>
        host.Query(async db => (await DossierNumbers.NextAsync(db, agency, day, null, CancellationToken.None)).Number);

    Task<List<string>> SequencesAsync() => host.Query(db => db.Database
        .SqlQuery<string>($"SELECT relname::text AS \"Value\" FROM pg_class WHERE relkind = 'S' AND relnamespace = {DossierNumbers.Schema}::regnamespace")
        .ToListAsync());

    [Fact]
    public async Task Each_agency_and_day_counts_from_one()
    {
        Assert.Equal(1, await NextAsync("SEQ.A", Day));
        Assert.Equal(2, await NextAsync("SEQ.A", Day));
        Assert.Equal(1, await NextAsync("SEQ.B", Day));
        Assert.Equal(1, await NextAsync("SEQ.A", Day.AddDays(1)));
        Assert.Equal(3, await NextAsync("SEQ.A", Day));
    }

    [Fact]
    public async Task A_day_the_old_counter_row_already_counted_continues_after_it()
    {
        await host.Query(db => db.Database.ExecuteSqlAsync(
            $"INSERT INTO daily_counters (agency_code, day, value) VALUES ('SEQ.UPGRADE', {Day}, 41)"));

        Assert.Equal(42, await NextAsync("SEQ.UPGRADE", Day));
        Assert.Equal(43, await NextAsync("SEQ.UPGRADE", Day));
    }

    [Fact]
    public async Task A_new_day_drops_the_agencys_sequences_from_before_yesterday_and_no_one_elses()
    {
        await NextAsync("SEQ.OLD", Day);
        await NextAsync("SEQ.OLD", Day.AddDays(1));
        await NextAsync("SEQ.OTHER", Day);
        var before = await SequencesAsync();

        Assert.Equal(1, await NextAsync("SEQ.OLD", Day.AddDays(3)));

        var gone = before.Except(await SequencesAsync()).ToList();
        Assert.Single(gone);
        Assert.EndsWith("_260302", gone[0], StringComparison.Ordinal);
        Assert.Equal(2, await NextAsync("SEQ.OLD", Day.AddDays(1)));
        Assert.Equal(2, await NextAsync("SEQ.OTHER", Day));
    }

    [Fact]
    public async Task Concurrent_first_calls_of_a_day_create_one_sequence_and_issue_each_number_once()
    {
        var numbers = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => Task.Run(() => NextAsync("SEQ.RACE", Day))));

        Assert.Equal(Enumerable.Range(1, 40).Select(n => (long)n), numbers.Order());
    }
}
