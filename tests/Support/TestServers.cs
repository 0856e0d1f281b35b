using Npgsql;

namespace PublicServices.Testing;

/// <summary>
/// The real servers integration tests run against. build/test.sh starts them and exports their addresses;
/// a test that needs one and finds no address fails with a message saying how to start it.
/// </summary>
public static class TestServers
{
    public const string PostgresVariable = "PUBLICSERVICES_TEST_POSTGRES";
    public const string S3Variable = "PUBLICSERVICES_TEST_S3";
    public const string SmtpVariable = "PUBLICSERVICES_TEST_SMTP";
    public const string SmtpApiVariable = "PUBLICSERVICES_TEST_SMTP_API";

    /// <summary>Admin connection string of the test PostgreSQL server.</summary>
    public static string PostgresAdmin => Required(PostgresVariable);

    /// <summary>S3 endpoint as host:port; access and secret keys follow after ';' (host:port;access;secret).</summary>
    public static S3Server S3
    {
        get
        {
            var parts = Required(S3Variable).Split(';');
            return new S3Server(parts[0], parts.ElementAtOrDefault(1) ?? "S3RVER", parts.ElementAtOrDefault(2) ?? "S3RVER");
        }
    }

    /// <summary>The smtp4dev server: its SMTP address (host, port) and its REST API (see <see cref="Mailbox"/>).</summary>
    public static (string Host, int Port) Smtp
    {
        get
        {
            var value = Required(SmtpVariable);
            var colon = value.LastIndexOf(':');
            return (value[..colon], int.Parse(value[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    public static Uri SmtpApi => new(Required(SmtpApiVariable).TrimEnd('/') + "/");

    static string Required(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } v ? v
            : throw new InvalidOperationException($"{variable} is not set: run the tests with build/test.sh, which starts PostgreSQL, the S3 server and smtp4dev.");
}

public sealed record S3Server(string Endpoint, string AccessKey, string SecretKey);

/// <summary>A fresh, empty PostgreSQL database for one test class; dropped when disposed.</summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    public string Name { get; }
    public string ConnectionString { get; }

    PostgresDatabase(string name, string connectionString) { Name = name; ConnectionString = connectionString; }

    public static async Task<PostgresDatabase> CreateAsync(string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 33, 63)].ToLowerInvariant();
        await using (var admin = new NpgsqlConnection(TestServers.PostgresAdmin))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await create.ExecuteNonQueryAsync();
        }
        var cs = new NpgsqlConnectionStringBuilder(TestServers.PostgresAdmin) { Database = name, MaxPoolSize = 50 }.ConnectionString;
        return new PostgresDatabase(name, cs);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(TestServers.PostgresAdmin);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}
