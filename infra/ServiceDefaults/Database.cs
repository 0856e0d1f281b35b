using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace PublicServices.ServiceDefaults;

/// <summary>
/// Which database a service uses. "Sqlite" (the embedded default, a file under DataRoot) needs nothing installed;
/// "Postgres" is production and CI. Bound from the "Database" section.
/// </summary>
public sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
    /// <summary>Folder for embedded files (SQLite databases, local object storage).</summary>
    public string DataRoot { get; set; } = ".data";
}

public enum DatabaseProvider { Sqlite, Postgres }

public static class DatabaseExtensions
{
    /// <summary>
    /// Registers the service's DbContext on the configured provider. The connection string is
    /// ConnectionStrings:{name}; in embedded mode it defaults to a SQLite file named after the service.
    /// </summary>
    public static DatabaseProvider AddServiceDatabase<TContext>(this IHostApplicationBuilder builder, string name,
        Action<DbContextOptionsBuilder>? configure = null) where TContext : DbContext
    {
        var options = builder.Configuration.GetSection("Database").Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connection = builder.Configuration.GetConnectionString(name);
        builder.Services.AddDbContextPool<TContext>(db =>
        {
            if (options.Provider == DatabaseProvider.Postgres)
                db.UseNpgsql(TunedForPooling(connection ?? throw new InvalidOperationException($"ConnectionStrings:{name} is required for PostgreSQL")));
            else
            {
                Directory.CreateDirectory(options.DataRoot);
                db.UseSqlite(connection ?? $"Data Source={Path.Combine(options.DataRoot, name + ".db")};Cache=Shared;Pooling=True");
            }
            configure?.Invoke(db);
        });
        builder.Services.AddHealthChecks().AddDbContextCheck<TContext>(name + "-db");
        return options.Provider;
    }

    /// <summary>
    /// Defaults for PostgreSQL that the connection string may override. Our services keep no session state, so a pooled
    /// connection need not be reset (DISCARD ALL) when returned, and frequent statements are prepared once per
    /// connection: both take work off the database on every request.
    /// </summary>
    static string TunedForPooling(string connection)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connection);
        if (!connection.Contains("Reset On Close", StringComparison.OrdinalIgnoreCase))
            builder.NoResetOnClose = true;
        if (!connection.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase))
            builder.MaxAutoPrepare = 64;
        return builder.ConnectionString;
    }

    /// <summary>Advisory lock key for migrations (per database; any constant no other lock of ours uses).</summary>
    const long MigrationLockKey = 0x5053_4D49_4752; // "PSMIGR"

    /// <summary>
    /// Creates the database when missing. The migration lock lives inside the database, so it cannot guard the
    /// creation itself: two replicas starting together both try, and the loser's "already exists" is fine.
    /// </summary>
    static async Task CreatePostgresDatabaseAsync(DbContext db)
    {
        var creator = db.GetService<Microsoft.EntityFrameworkCore.Storage.IRelationalDatabaseCreator>();
        if (await creator.ExistsAsync())
            return;
        try
        {
            await creator.CreateAsync();
        }
        catch (Npgsql.PostgresException e) when (e.SqlState is Npgsql.PostgresErrorCodes.DuplicateDatabase or Npgsql.PostgresErrorCodes.UniqueViolation)
        {
        }
    }

    /// <summary>
    /// Brings the schema up to date before the service takes traffic: PostgreSQL through EF Core migrations
    /// (under an advisory lock, so replicas starting together migrate one after the other); SQLite, which is only the
    /// single-machine embedded mode, by creating the schema from the model.
    /// </summary>
    public static async Task InitializeDatabaseAsync<TContext>(this WebApplication app, Func<TContext, Task>? seed = null)
        where TContext : DbContext
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        if (db.Database.IsNpgsql())
        {
            await CreatePostgresDatabaseAsync(db);
            // Replicas starting together migrate one after the other: EF's own lock let two of them apply the same
            // migration (the second failed on an index the first had dropped). A session advisory lock on its own
            // connection holds until this replica's migrations are done; the next one then finds nothing to apply.
            await using var gate = new Npgsql.NpgsqlConnection(db.Database.GetConnectionString());
            await gate.OpenAsync();
            await using (var take = new Npgsql.NpgsqlCommand($"SELECT pg_advisory_lock({MigrationLockKey})", gate))
                await take.ExecuteNonQueryAsync();
            try
            {
                await db.Database.MigrateAsync();
            }
            finally
            {
                await using var release = new Npgsql.NpgsqlCommand($"SELECT pg_advisory_unlock({MigrationLockKey})", gate);
                await release.ExecuteNonQueryAsync();
            }
        }
        else
        {
            await db.Database.EnsureCreatedAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }
        if (seed is not null)
            await seed(db);
    }
}
