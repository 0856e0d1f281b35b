using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace PublicServices.ServiceDefaults;

public static class DatabaseErrors
{
    /// <summary>
    /// A unique index or primary key refused the write (a concurrent duplicate won the race), whether EF
    /// (DbUpdateException) or a raw statement reported it.
    /// </summary>
    public static bool IsUniqueViolation(this Exception e) => (e is DbUpdateException ? e.InnerException : e) switch
    {
        PostgresException pg => pg.SqlState == PostgresErrorCodes.UniqueViolation,
        // SQLITE_CONSTRAINT_UNIQUE (2067) and SQLITE_CONSTRAINT_PRIMARYKEY (1555).
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        _ => false,
    };

    /// <summary>
    /// The database could not be reached or cut the connection (PostgreSQL restarting or refusing connections, a
    /// broken or timed-out connection), anywhere in the exception's chain: a retry later may succeed.
    /// </summary>
    public static bool IsDatabaseUnavailable(this Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
            switch (x)
            {
                // 08: connection exception; 57P: operator intervention (shutdown, cannot connect now); 53: resources;
                // 55000: the database does not accept connections.
                case PostgresException pg:
                    return pg.IsTransient || pg.SqlState.StartsWith("08", StringComparison.Ordinal) || pg.SqlState.StartsWith("57P", StringComparison.Ordinal)
                        || pg.SqlState.StartsWith("53", StringComparison.Ordinal) || pg.SqlState == PostgresErrorCodes.ObjectNotInPrerequisiteState;
                // Not a server's answer: the connection failed, broke or timed out.
                case NpgsqlException:
                    return true;
            }
        return false;
    }
}
