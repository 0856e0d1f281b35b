using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace PublicServices.Dossiers.Data;

/// <summary>
/// Issues the daily numbers of dossier codes, per (agency, Vietnamese day), from the database (replicas share it;
/// nothing is kept in memory).
/// <para>
/// PostgreSQL: one sequence per (agency, day), created by the day's first call of <c>dossier_numbers.next</c>
/// (<see cref="FunctionSql"/>, the file DossierNumbers.sql next to this class), which also drops the agency's
/// sequences of earlier days. A sequence takes no row lock and writes no row: the counter row it replaced was locked
/// by every submission, and 32 concurrent submissions queued on it. SQLite (embedded, one process): a counter row
/// updated by one INSERT … ON CONFLICT … RETURNING.
/// </para>
/// Either way the number is taken on its own, OUTSIDE the submit transaction, so it is never rolled back: a submission
/// that fails after taking its number (a refused document, a lost race on the same Idempotency-Key, a crash) leaves
/// a gap in that day's sequence. Numbers are never issued twice, and the unique index on dossiers.code guards the
/// codes themselves.
/// </summary>
public static class DossierNumbers
{
    public const string Table = "daily_counters";
    public const string Schema = "dossier_numbers";

    /// <summary>The PL/pgSQL that creates <c>dossier_numbers.next(agency, day)</c> (DossierNumbers.sql).</summary>
    public static string FunctionSql { get; } = ReadFunction();

    static string ReadFunction()
    {
        using var stream = typeof(DossierNumbers).Assembly.GetManifestResourceStream("DossierNumbers.sql")
            ?? throw new InvalidOperationException("DossierNumbers.sql is not embedded in the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    const string PostgresSql = $"SELECT {Schema}.next(@agency, @day)";

    const string SqliteSql = $"""
        INSERT INTO {Table} (agency_code, day, value) VALUES (@agency, @day, 1)
        ON CONFLICT (agency_code, day) DO UPDATE SET value = {Table}.value + 1
        RETURNING value
        """;

    /// <summary>
    /// Takes the next number, in autocommit mode (the caller must not have a transaction open), and, in the same round
    /// trip, looks up the applicant's Idempotency-Key when there is one (<see cref="IdempotencyStore"/>). When the key was
    /// used before, the number is wasted (a gap, as above): a retry is rare, the extra round trip on every submission is not.
    /// </summary>
    public static async Task<(long Number, IdempotencyStore.KeyUse? Earlier)> NextAsync(DossiersDb db, string agencyCode, DateOnly day,
        (string ApplicantId, string Key)? idempotency, CancellationToken cancel)
    {
        if (db.Database.CurrentTransaction is not null)
            throw new InvalidOperationException("Dossier numbers must not be taken inside a transaction: they would be rolled back with it.");
        await db.Database.OpenConnectionAsync(cancel);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            var next = db.Database.IsNpgsql() ? PostgresSql : SqliteSql;
            command.CommandText = idempotency is null ? next : IdempotencyStore.LookupSql + next;
            Add(command, "agency", agencyCode);
            Add(command, "day", day);
            IdempotencyStore.KeyUse? earlier = null;
            if (idempotency is { } k)
            {
                Add(command, "applicant", k.ApplicantId);
                Add(command, "key", k.Key);
            }
            await using var reader = await command.ExecuteReaderAsync(cancel);
            if (idempotency is not null)
            {
                earlier = await IdempotencyStore.ReadAsync(reader, cancel);
                await reader.NextResultAsync(cancel);
            }
            await reader.ReadAsync(cancel);
            return (reader.GetInt64(0), earlier);
        }
        finally
        {
            // Back to the pool: the connection is not held while the documents service is called.
            await db.Database.CloseConnectionAsync();
        }
    }

    static void Add(DbCommand command, string name, object value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        command.Parameters.Add(p);
    }
}
