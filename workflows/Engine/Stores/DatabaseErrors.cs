using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace PublicServices.WorkflowEngine.Stores;

/// <summary>Recognises a duplicate-key failure on either provider.</summary>
internal static class DatabaseErrors
{
    public static bool IsUniqueViolation(Exception e) => e switch
    {
        PostgresException p => p.SqlState == PostgresErrorCodes.UniqueViolation,
        DbUpdateException { InnerException: { } inner } => IsUniqueViolation(inner),
        // SQLite (not referenced here): SQLITE_CONSTRAINT with a UNIQUE or PRIMARY KEY message.
        { } inner when inner.GetType().Name == "SqliteException" =>
            inner.Message.Contains("UNIQUE", StringComparison.OrdinalIgnoreCase) || inner.Message.Contains("PRIMARY KEY", StringComparison.OrdinalIgnoreCase),
        _ => false,
    };
}
