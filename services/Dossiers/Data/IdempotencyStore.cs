using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace PublicServices.Dossiers.Data;

/// <summary>
/// The applicants' Idempotency-Keys and the dossiers they filed (table idempotency_records). A key is recorded in the
/// submission's own statement (<see cref="SubmissionRows"/>); its unique key (applicant, key) is what makes a
/// concurrent duplicate fail and get the winner's dossier.
/// </summary>
public static class IdempotencyStore
{
    /// <summary>An Idempotency-Key already used by this applicant: the request it came with and the dossier it filed.</summary>
    public sealed record KeyUse(string RequestHash, Guid DossierId);

    /// <summary>The earlier use of a key, or null when it is new.</summary>
    public static async Task<KeyUse?> FindAsync(DossiersDb db, string applicantId, string key, CancellationToken cancel) =>
        await db.IdempotencyRecords.Where(r => r.ApplicantId == applicantId && r.Key == key)
            .Select(r => new KeyUse(r.RequestHash, r.DossierId)).FirstOrDefaultAsync(cancel);

    /// <summary>The lookup as a statement (parameters <c>@applicant</c>, <c>@key</c>), to share a round trip with another one.</summary>
    internal const string LookupSql = """
        SELECT request_hash, dossier_id FROM idempotency_records WHERE applicant_id = @applicant AND "key" = @key;

        """;

    /// <summary>The row of <see cref="LookupSql"/>, if any (the reader is on its result).</summary>
    internal static async Task<KeyUse?> ReadAsync(DbDataReader reader, CancellationToken cancel) =>
        await reader.ReadAsync(cancel) ? new KeyUse(reader.GetString(0), reader.GetGuid(1)) : null;
}
