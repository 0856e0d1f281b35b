using Microsoft.Data.Sqlite;

namespace PublicServices.Testing;

/// <summary>
/// The database a service under test runs on: a fresh PostgreSQL database, or a fresh folder for the embedded
/// SQLite one. <see cref="Settings"/> point the service at it; disposing drops the database or deletes the folder.
/// </summary>
public sealed class ServiceDatabase : IAsyncDisposable
{
    readonly PostgresDatabase? postgres;
    readonly string? folder;

    ServiceDatabase(PostgresDatabase? postgres, string? folder, Dictionary<string, string> settings)
    {
        this.postgres = postgres;
        this.folder = folder;
        // Failed statements are expected in tests (the migration history probe, lost races on a key); the tests judge them.
        settings["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "None";
        Settings = settings;
    }

    /// <summary>The configuration that points the service named at this database.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; }

    /// <summary>The PostgreSQL connection string; null on SQLite.</summary>
    public string? ConnectionString => postgres?.ConnectionString;

    /// <param name="service">The service's name, which is also its connection string's name.</param>
    /// <param name="sqlite">True for the embedded SQLite database, false for PostgreSQL.</param>
    public static async Task<ServiceDatabase> CreateAsync(string service, bool sqlite)
    {
        if (sqlite)
        {
            var folder = Directory.CreateTempSubdirectory($"{service}-sqlite-").FullName;
            return new(null, folder, new() { ["Database:Provider"] = "Sqlite", ["Database:DataRoot"] = folder });
        }
        var postgres = await PostgresDatabase.CreateAsync(service);
        return new(postgres, null, new()
        {
            ["Database:Provider"] = "Postgres",
            [$"ConnectionStrings:{service}"] = postgres.ConnectionString,
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (postgres is not null)
            await postgres.DisposeAsync();
        if (folder is not null)
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
