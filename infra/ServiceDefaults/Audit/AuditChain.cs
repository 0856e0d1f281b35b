using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PublicServices.ServiceDefaults.Audit;

/// <summary>The hash that links an entry to the one before it: SHA-256 over its place, the previous hash and every field.</summary>
public static class AuditChain
{
    /// <summary>The hash an entry at <paramref name="seq"/> after <paramref name="previousHash"/> must carry (lower-case hex).</summary>
    public static string HashOf(AuditEntry entry, long seq, string? previousHash)
    {
        // Each field is written with its length, so no two different entries read as the same text.
        var text = new StringBuilder();
        foreach (var field in new[]
                 {
                     seq.ToString(CultureInfo.InvariantCulture), previousHash ?? "", entry.Id.ToString("N"),
                     entry.At.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.ffffff", CultureInfo.InvariantCulture),
                     entry.Actor, entry.ActorName ?? "", entry.Action, entry.Target, entry.Details ?? "",
                 })
            text.Append(field.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(field).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
