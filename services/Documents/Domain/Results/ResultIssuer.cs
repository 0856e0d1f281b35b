using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using PublicServices.Contracts.Dossiers;
using PublicServices.Contracts.Events;
using PublicServices.Documents.Clients;
using PublicServices.Documents.Data;
using PublicServices.Documents.Resources;
using PublicServices.Documents.Storage;
using PublicServices.ServiceDefaults;
using PublicServices.ServiceDefaults.Messaging;

namespace PublicServices.Documents.Domain.Results;

public abstract record IssueOutcome
{
    public sealed record Issued(ResultDocument Result) : IssueOutcome;
    /// <summary>The dossier had its result already (another request, or a redelivery): nothing was made or sent.</summary>
    public sealed record Existing(ResultDocument Result) : IssueOutcome;
    public sealed record CatalogUnavailable : IssueOutcome;
    public sealed record NoCertificate(string AgencyCode) : IssueOutcome;
}

/// <summary>
/// Issues a dossier's result once: renders the PDF, signs it (detached CMS), stores it under a key fixed by the dossier
/// (a retry overwrites, nothing is orphaned), then writes the row, the outbox's ResultIssued.v1 and the inbox record in
/// one transaction. A transaction-scoped advisory lock on the dossier (PostgreSQL; on SQLite, the embedded mode, every
/// transaction is BEGIN IMMEDIATE and so one writer at a time) makes a racing second request wait and then find the
/// first one's result, so the stored object is always the one the row describes; the unique index on the dossier id
/// backs it on every provider.
/// </summary>
public sealed class ResultIssuer(DocumentsDb db, AgencyLookup catalog, AgencyCertificates certificates, IObjectStore store,
    IStringLocalizer<Messages> text, IOptions<ResultsOptions> options, IOptions<AuthOptions> auth, TimeProvider clock)
{
    public async Task<IssueOutcome> IssueAsync(EventEnvelope envelope, ResultRequestedV1 request, CancellationToken cancel)
    {
        if (await ExistingAsync(request.DossierId, cancel) is { } existing)
        {
            await db.RecordAsync(envelope, clock.GetUtcNow(), cancel);
            return new IssueOutcome.Existing(existing);
        }
        if (await catalog.NamesAsync(request.AgencyCode!, request.ProcedureCode!, cancel) is not { } names)
            return new IssueOutcome.CatalogUnavailable();
        using var certificate = await certificates.FindAsync(request.AgencyCode!, names.AgencyName, cancel);
        if (certificate is null)
            return new IssueOutcome.NoCertificate(request.AgencyCode!);

        IssueOutcome? outcome = null;
        var now = clock.GetUtcNow();
        var handled = await db.HandleOnceAsync(envelope, async c =>
        {
            if (db.Database.IsNpgsql())
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockKey(request.DossierId)})", c);
            if (await ExistingAsync(request.DossierId, c) is { } found)
            {
                outcome = new IssueOutcome.Existing(found);
                return true;
            }
            var result = NewResult(envelope, request, names, now);
            var pdf = ResultPdf.Render(result, VerifyUrl(result.Id), text);
            result.Sha256 = Convert.ToHexStringLower(SHA256.HashData(pdf));
            result.Size = pdf.Length;
            result.Signature = ResultSignature.Sign(pdf, certificate, now);
            result.CertificateThumbprint = ResultSignature.Thumbprint(certificate);
            using (var content = new MemoryStream(pdf, writable: false))
                await store.PutAsync(result.StorageKey, content, ContentSniffer.Pdf, c);
            db.Results.Add(result);
            db.Outbox.Add(new OutboxMessage
            {
                Id = Guid.CreateVersion7(now),
                Type = ResultIssuedV1.Type,
                Payload = JsonSerializer.Serialize(new ResultIssuedV1(result.DossierId, result.Id, result.Sha256, now), EventEnvelope.JsonOptions),
                OccurredAt = now,
            });
            outcome = new IssueOutcome.Issued(result);
            return true;
        }, now, cancel);
        if (handled == InboxOutcome.Applied && outcome is not null)
            return outcome;
        // A redelivery of this very event, or a request that lost the race to the unique index: the first one's result.
        return new IssueOutcome.Existing(await ExistingAsync(request.DossierId, cancel)
            ?? throw new InvalidOperationException($"Result of dossier {request.DossierId} neither made nor found"));
    }

    Task<ResultDocument?> ExistingAsync(Guid dossierId, CancellationToken cancel) =>
        db.Results.AsNoTracking().FirstOrDefaultAsync(r => r.DossierId == dossierId, cancel);

    ResultDocument NewResult(EventEnvelope envelope, ResultRequestedV1 request, ResultNames names, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        DossierId = request.DossierId,
        RequestEventId = envelope.Id,
        DossierCode = request.Code!,
        ProcedureCode = request.ProcedureCode!,
        ProcedureName = names.ProcedureName,
        AgencyCode = request.AgencyCode!,
        AgencyName = names.AgencyName,
        ApplicantId = request.ApplicantId!,
        Decision = request.Decision!,
        Note = request.Note,
        DeliveryMethod = request.DeliveryMethod ?? ResultDelivery.Online,
        DeliveryAddress = request.DeliveryMethod == ResultDelivery.Post ? request.DeliveryAddress : null,
        IssuedAt = now.UtcDateTime,
        Sha256 = "",
        FileName = FileNames.Sanitize($"ket-qua-{request.Code}.pdf", ContentSniffer.Pdf),
        StorageKey = StorageKeyFor(request.DossierId),
        Signature = [],
        CertificateThumbprint = "",
    };

    /// <summary>One object per dossier, so a retried issue overwrites what a failed attempt left.</summary>
    public static string StorageKeyFor(Guid dossierId) => "result" + dossierId.ToString("N");

    string VerifyUrl(Guid resultId)
    {
        var portal = options.Value.PortalBaseUrl is { Length: > 0 } configured ? configured : auth.Value.Issuer;
        return $"{portal.TrimEnd('/')}/verify/{resultId:D}";
    }

    static long LockKey(Guid dossierId) => BitConverter.ToInt64(dossierId.ToByteArray(), 0) ^ 0x52_45_53_55_4C_54;
}
