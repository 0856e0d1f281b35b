using System.Data.Common;
using System.Globalization;
using Medallion.Threading.Postgres;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using PublicServices.Workflows.Persistence;

namespace PublicServices.Workflows.Runtime;

/// <summary>
/// Opens a burst on PostgreSQL in one round trip: one batch takes the instance's transaction-scoped advisory lock,
/// runs the trigger's conditional consumption and reads the instance. The lock key is DistributedLock.Postgres's
/// <see cref="PostgresAdvisoryLockKey"/> for the instance's lock name, so this is the very lock
/// <c>PostgresDistributedLock.AcquireWithTransactionAsync</c> takes, minus that method's pg_locks lookup and its
/// separate round trip (<see cref="WorkflowRuntimeOptions.BatchInstanceLock"/> switches back to it).
/// </summary>
internal static class BurstOpener
{
    const string InstanceColumns = "id, definition_id, definition_version_id, definition_version, status, correlation_id, agency_code, "
        + "dossier_code, dossier_status, statutory_working_days, clock, due_at, input, variables, state, sequence, started_by, "
        + "created_at, updated_at, finished_at";

    public static long LockKey(string name) =>
        long.Parse(new PostgresAdvisoryLockKey(name, allowHashing: true).ToString(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    public static async Task<(IReadOnlyList<Guid> Consumed, WorkflowInstance? Instance)> OpenAsync(DbContext db, string lockName,
        TimeSpan lockTimeout, Consumption? consumption, Guid instanceId, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var transaction = (NpgsqlTransaction)db.Database.CurrentTransaction!.GetDbTransaction();
        await using var batch = new NpgsqlBatch(connection, transaction);
        // The timeout bounds the wait for another burst of the same instance (it lasts until this transaction ends).
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"SET LOCAL lock_timeout = {(long)lockTimeout.TotalMilliseconds}"));
        var lockCommand = new NpgsqlBatchCommand("SELECT pg_advisory_xact_lock(@key)");
        lockCommand.Parameters.AddWithValue("key", NpgsqlDbType.Bigint, LockKey(lockName));
        batch.BatchCommands.Add(lockCommand);
        if (consumption is not null)
        {
            var consume = new NpgsqlBatchCommand(consumption.PostgresSql);
            foreach (var (name, value) in consumption.Parameters) consume.Parameters.AddWithValue(name, value ?? DBNull.Value);
            batch.BatchCommands.Add(consume);
        }
        var load = new NpgsqlBatchCommand($"SELECT {InstanceColumns} FROM {WorkflowModel.Instances} WHERE id = @instance");
        load.Parameters.AddWithValue("instance", instanceId);
        batch.BatchCommands.Add(load);

        await using var reader = await batch.ExecuteReaderAsync(ct);
        await reader.NextResultAsync(ct); // past the lock's single row
        var consumed = new List<Guid>();
        if (consumption is not null)
        {
            while (await reader.ReadAsync(ct)) consumed.Add(reader.GetGuid(0));
            await reader.NextResultAsync(ct);
        }
        var instance = await reader.ReadAsync(ct) ? Read(reader) : null;
        return (consumed, instance);
    }

    static WorkflowInstance Read(DbDataReader r) => new()
    {
        Id = r.GetGuid(0), DefinitionId = r.GetString(1), DefinitionVersionId = r.GetString(2), DefinitionVersion = r.GetInt32(3),
        Status = (WorkflowStatus)r.GetInt32(4), CorrelationId = Text(r, 5), AgencyCode = Text(r, 6), DossierCode = Text(r, 7),
        DossierStatus = r.IsDBNull(8) ? null : r.GetInt32(8), StatutoryWorkingDays = r.IsDBNull(9) ? null : r.GetDecimal(9),
        Clock = Text(r, 10), DueAt = Time(r, 11), Input = r.GetString(12), Variables = r.GetString(13), State = r.GetString(14),
        Sequence = r.GetInt64(15), StartedBy = Text(r, 16), CreatedAt = Time(r, 17)!.Value, UpdatedAt = Time(r, 18)!.Value, FinishedAt = Time(r, 19),
    };

    static string? Text(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    static DateTimeOffset? Time(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetFieldValue<DateTimeOffset>(i);
}
