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
}
