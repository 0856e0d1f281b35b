using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using PublicServices.Contracts.Dossiers;
using PublicServices.Documents.Data;
using PublicServices.Documents.Storage;

namespace PublicServices.Documents.Domain.Results;

/// <summary>Finds results, reads their stored PDF and checks it: the hash the row recorded and the agency's signature.</summary>
public sealed class ResultReader(DocumentsDb db, IObjectStore store)
{
    public Task<ResultDocument?> FindAsync(Guid id, CancellationToken cancel) =>
        db.Results.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancel);

    public Task<ResultDocument?> ForDossierAsync(Guid dossierId, CancellationToken cancel) =>
        db.Results.AsNoTracking().FirstOrDefaultAsync(r => r.DossierId == dossierId, cancel);

    /// <summary>The most results a desk's list of results to post shows at once.</summary>
    public const int MaxToPost = 200;

    /// <summary>An agency's results to be sent by post and not dispatched yet, oldest first.</summary>
    public Task<List<ResultDocument>> ToPostAsync(string agencyCode, CancellationToken cancel) =>
        db.Results.AsNoTracking().Where(r => r.AgencyCode == agencyCode && r.DeliveryMethod == ResultDelivery.Post && r.DispatchedAt == null)
            .OrderBy(r => r.IssuedAt).Take(MaxToPost).ToListAsync(cancel);

    /// <summary>The stored PDF (a few hundred KB at most: results are rendered here).</summary>
    public async Task<byte[]> BytesAsync(ResultDocument result, CancellationToken cancel)
    {
        using var buffer = new MemoryStream((int)result.Size);
        await store.CopyToAsync(result.StorageKey, buffer, 0, result.Size, cancel);
        return buffer.ToArray();
    }

    /// <summary>The stored PDF still hashes to what was issued and the agency's signature verifies over it.</summary>
    public async Task<VerificationDto> VerifyStoredAsync(ResultDocument result, CancellationToken cancel)
    {
        byte[] bytes;
        try { bytes = await BytesAsync(result, cancel); }
        catch (Exception e) when (e is FileNotFoundException or EndOfStreamException) { return VerificationDto.NotValid; }
        return Check(result, bytes);
    }

    /// <summary>
    /// A file someone holds: valid only when its SHA-256 is a stored result's and that result's detached signature
    /// verifies over exactly these bytes with the certificate the agency signed it with.
    /// </summary>
    public async Task<VerificationDto> VerifyFileAsync(string sha256, Func<Task<byte[]>> bytes, CancellationToken cancel) =>
        await db.Results.AsNoTracking().FirstOrDefaultAsync(r => r.Sha256 == sha256, cancel) is { } result
            ? Check(result, await bytes())
            : VerificationDto.NotValid;

    static VerificationDto Check(ResultDocument result, byte[] bytes) =>
        Convert.ToHexStringLower(SHA256.HashData(bytes)) == result.Sha256 && ResultSignature.Verifies(bytes, result.Signature, result.CertificateThumbprint)
            ? VerificationDto.Valid(result)
            : VerificationDto.NotValid;
}
