using System.Globalization;
using Npgsql;

namespace PublicServices.Bench;

/// <summary>The services' own databases during a run (named DatabasePrefix + service), read with plain SQL.</summary>
public static class ServiceDb
{
    public static string ConnectionString(BenchOptions o, string service) =>
        new NpgsqlConnectionStringBuilder(o.Postgres) { Database = o.DatabasePrefix + service }.ConnectionString;

    public static async Task<NpgsqlConnection> OpenAsync(BenchOptions o, string service)
    {
        var db = new NpgsqlConnection(ConnectionString(o, service));
        await db.OpenAsync();
        return db;
    }

    /// <summary>Whether commits wait for the disk decides what a write costs: every report says (build/servers.sh, PG_DURABLE=1).</summary>
    public static async Task<string> ServerSettingsAsync(BenchOptions o)
    {
        await using var db = new NpgsqlConnection(o.Postgres);
        await db.OpenAsync();
        await using var show = new NpgsqlCommand("SELECT 'PostgreSQL ' || string_agg(name || '=' || setting, ', ' ORDER BY name) FROM pg_settings "
            + "WHERE name IN ('server_version', 'fsync', 'synchronous_commit', 'full_page_writes')", db);
        return (string)(await show.ExecuteScalarAsync())!;
    }

    public static async Task<long> CountAsync(NpgsqlConnection db, string sql)
    {
        await using var command = new NpgsqlCommand(sql, db);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    /// <summary>Every row of a query as its columns' values.</summary>
    public static async Task<List<object?[]>> RowsAsync(NpgsqlConnection db, string sql)
    {
        await using var command = new NpgsqlCommand(sql, db);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }
}
