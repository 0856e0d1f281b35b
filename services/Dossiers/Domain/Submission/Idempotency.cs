using System.Security.Cryptography;
using System.Text;
using PublicServices.Dossiers.Data;

namespace PublicServices.Dossiers.Domain.Submission;

/// <summary>
/// The optional Idempotency-Key of a submission. Browsers may leave it out; API clients should send one so that a
/// retry after a lost answer cannot file the dossier twice. Per applicant: one key, one request body, one dossier.
/// </summary>
public static class Idempotency
{
    public const string Header = "Idempotency-Key";

    public static bool IsValidKey(string key) =>
        key.Length is > 0 and <= DossiersDb.IdempotencyKeyMaxLength && key.All(c => c is >= '!' and <= '~');

    /// <summary>SHA-256 of the request as it will be stored, so insignificant whitespace does not matter.</summary>
    public static string Hash(string procedureCode, string formData, IReadOnlyList<DocumentRef> documents, Guid? draftId, DeliveryInput? delivery) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(delivery is null
            ? StoredJson.Write(new { procedureCode, formData, documents, draftId })
            : StoredJson.Write(new { procedureCode, formData, documents, draftId, delivery }))));

    /// <summary>
    /// The dossier id a keyed request will get, derived from applicant, key and body. Concurrent duplicates then ask
    /// the documents service to attach to the same dossier (which it does idempotently) instead of the first one
    /// winning there while another wins here; the database decides which of them is stored.
    /// </summary>
    public static Guid DossierId(string applicantId, string key, string requestHash)
    {
        Span<byte> bytes = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{applicantId}\n{key}\n{requestHash}"), bytes);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80); // RFC 9562 version 8 (custom)
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 9562 variant
        return new Guid(bytes[..16], bigEndian: true);
    }
}
