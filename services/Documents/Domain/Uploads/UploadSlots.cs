using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using PublicServices.Documents.Data;

namespace PublicServices.Documents.Domain.Uploads;

/// <summary>
/// One user's uploads in flight, at most <see cref="DocumentsOptions.UploadsPerUser"/> across every replica. On
/// PostgreSQL a slot is a session advisory lock on (user, slot number), held on a connection of its own for the
/// upload's duration: a replica that dies drops its connection and so its slots, and no lease can go stale. The
/// connection is not pooled, so closing it always ends the session and its locks. SQLite is the single-process
/// embedded mode: there, a counter in memory is the whole truth.
/// </summary>
public sealed class UploadSlots(DocumentsDb db, LocalUploadSlots local, IOptions<DocumentsOptions> options)
{
    /// <summary>A slot for the user, or null when all of theirs are taken; dispose it when the upload ends.</summary>
    public async Task<IAsyncDisposable?> TakeAsync(string userId, CancellationToken cancel)
    {
        var limit = options.Value.UploadsPerUser;
        if (!db.Database.IsNpgsql())
            return local.Take(userId, limit);
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString()) { Pooling = false }.ConnectionString);
        try
        {
            await connection.OpenAsync(cancel);
            for (var slot = 0; slot < limit; slot++)
            {
                await using var take = new NpgsqlCommand("SELECT pg_try_advisory_lock($1)", connection) { Parameters = { new() { Value = Key(userId, slot) } } };
                if (await take.ExecuteScalarAsync(cancel) is true)
                    return connection;
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
        await connection.DisposeAsync();
        return null;
    }

    /// <summary>64 bits of SHA-256 over the user and slot: distinct users collide with negligible odds.</summary>
    internal static long Key(string userId, int slot) =>
        BinaryPrimitives.ReadInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes($"documents-upload\n{userId}\n{slot}")));
}

/// <summary>The embedded mode's per-user counters (one process, so memory is shared state enough).</summary>
public sealed class LocalUploadSlots
{
    readonly ConcurrentDictionary<string, int> inFlight = new(StringComparer.Ordinal);

    public IAsyncDisposable? Take(string userId, int limit)
    {
        var taken = false;
        inFlight.AddOrUpdate(userId, _ =>
        {
            taken = true;
            return 1;
        }, (_, n) => (taken = n < limit) ? n + 1 : n);
        return taken ? new Slot(this, userId) : null;
    }

    sealed class Slot(LocalUploadSlots owner, string userId) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            owner.inFlight.AddOrUpdate(userId, 0, (_, n) => Math.Max(0, n - 1));
            owner.inFlight.TryRemove(new KeyValuePair<string, int>(userId, 0));
            return ValueTask.CompletedTask;
        }
    }
}
