using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using PublicServices.Contracts.Catalog;
using PublicServices.Documents.Data;
using PublicServices.Documents.Storage;

namespace PublicServices.Documents.Domain.Uploads;

/// <summary>
/// What an upload is for: who sends it, which required document of which procedure it answers (none for an officer's
/// file), the types and size it may have, and the dossier it belongs to from the start (an officer's file).
/// </summary>
public sealed record UploadTarget(string OwnerId, string ProcedureCode, string RequirementCode, IReadOnlyList<string> AcceptedTypes, long MaxBytes)
{
    public DossierRef? Dossier { get; init; }

    /// <summary>An applicant's upload for a procedure's required document, with the catalog's types and limit.</summary>
    public static UploadTarget For(string ownerId, string procedureCode, CatalogRequirement requirement) =>
        new(ownerId, procedureCode, requirement.Code, requirement.AcceptedTypes ?? [], requirement.MaxSizeBytes);
}

/// <summary>A dossier as the documents service records it on a document: its agency's officers may read the document.</summary>
public sealed record DossierRef(Guid Id, string Code, string AgencyCode);

public abstract record UploadOutcome
{
    public sealed record Uploaded(Document Document) : UploadOutcome;
    public sealed record NoFile : UploadOutcome;
    public sealed record MoreThanOneFile : UploadOutcome;
    public sealed record EmptyFile : UploadOutcome;
    public sealed record Malformed : UploadOutcome;
    public sealed record NotAccepted(string? SniffedType) : UploadOutcome;
    public sealed record TooLarge(long MaxBytes) : UploadOutcome;
}

/// <summary>
/// Streams one multipart file part into object storage: the body is read section by section with MultipartReader
/// (no form buffering), the type is sniffed from the first bytes before anything is stored, and the bytes are
/// hashed and counted on their way to the store. Any failure after the Pending row is written removes the object
/// and the row, so nothing half-written stays behind.
/// </summary>
public sealed class DocumentUploader(DocumentsDb db, IObjectStore store, IOptions<DocumentsOptions> options,
    TimeProvider time, ILogger<DocumentUploader> log)
{
    /// <summary>Room in the request body for boundaries, part headers and small form fields around the file.</summary>
    public const long MultipartOverhead = 64 * 1024;

    public async Task<UploadOutcome> UploadAsync(HttpRequest request, UploadTarget target, CancellationToken cancel)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || !string.Equals(mediaType.MediaType.Value, "multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value is not { Length: > 0 and <= 70 } boundary)
            return new UploadOutcome.NoFile();

        var bodyLimit = target.MaxBytes + MultipartOverhead;
        if (request.ContentLength > bodyLimit)
            return new UploadOutcome.TooLarge(target.MaxBytes);
        // Kestrel's global limit (30 MB) stays for every other route; this request may carry the requirement's maximum.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
            sizeFeature.MaxRequestBodySize = bodyLimit;

        var reader = new MultipartReader(boundary, request.Body);
        Document? document = null;
        try
        {
            var (section, rawName) = await NextFileAsync(reader, cancel);
            if (section is null)
                return new UploadOutcome.NoFile();

            var header = new byte[ContentSniffer.HeaderLength];
            var headerLength = await section.Body.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancel);
            if (headerLength == 0)
                return new UploadOutcome.EmptyFile();
            var contentType = ContentSniffer.Sniff(header.AsSpan(0, headerLength));
            if (contentType is null || !ContentSniffer.IsAccepted(contentType, target.AcceptedTypes))
                return new UploadOutcome.NotAccepted(contentType);

            document = await InsertPendingAsync(target, FileNames.Sanitize(rawName, contentType), contentType, cancel);
            using var metered = new MeteredStream(header.AsMemory(0, headerLength), section.Body, target.MaxBytes);
            await store.PutAsync(document.StorageKey, metered, contentType, cancel);

            // One file per request: a second one is refused rather than silently dropped.
            if ((await NextFileAsync(reader, cancel)).Section is not null)
            {
                await RemoveAsync(document);
                return new UploadOutcome.MoreThanOneFile();
            }
            return await MarkStoredAsync(document, target.Dossier, metered.BytesRead, metered.Sha256Hex())
                ? new UploadOutcome.Uploaded(document)
                : throw new InvalidOperationException($"Upload {document.Id} was claimed by the expiry sweep before it completed");
        }
        catch (Exception e)
        {
            if (document is not null)
                await RemoveAsync(document);
            if (e is UploadTooLargeException or BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
                return new UploadOutcome.TooLarge(target.MaxBytes);
            // A broken multipart body, or one that ends early.
            if (e is InvalidDataException or BadHttpRequestException)
                return new UploadOutcome.Malformed();
            throw;
        }
    }

    /// <summary>Skips plain form fields (MultipartReader drains them) up to the first part that carries a file.</summary>
    static async Task<(MultipartSection? Section, string? FileName)> NextFileAsync(MultipartReader reader, CancellationToken cancel)
    {
        while (await reader.ReadNextSectionAsync(cancel) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                || !disposition.IsFileDisposition())
                continue;
            var name = disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value
                : HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
            return (section, name);
        }
        return (null, null);
    }

    async Task<Document> InsertPendingAsync(UploadTarget target, string fileName, string contentType, CancellationToken cancel)
    {
        var now = Now();
        var id = Guid.CreateVersion7();
        var document = new Document
        {
            Id = id,
            OwnerId = target.OwnerId,
            ProcedureCode = target.ProcedureCode,
            RequirementCode = target.RequirementCode,
            FileName = fileName,
            ContentType = contentType,
            CreatedAt = now,
            ExpiresAt = now + options.Value.PendingUploadTimeout,
            StorageKey = ObjectKeys.For(id),
            Status = DocumentStatus.Pending,
        };
        db.Documents.Add(document);
        await db.SaveChangesAsync(cancel);
        db.Entry(document).State = EntityState.Detached;
        return document;
    }

    /// <summary>
    /// Pending → Stored, only if the sweep has not claimed the row meanwhile. A file for a dossier is attached only
    /// now: while Pending it looks unattached, so the sweep still removes it if the upload is abandoned.
    /// </summary>
    async Task<bool> MarkStoredAsync(Document document, DossierRef? dossier, long size, string sha256)
    {
        var now = Now();
        DateTime? expires = dossier is null ? now + options.Value.UnattachedTtl : null;
        var (dossierId, dossierCode, agencyCode) = (dossier?.Id, dossier?.Code, dossier?.AgencyCode);
        // The client may be gone by now, but the object is complete: record it whatever the request's token says.
        var updated = await db.Documents
            .Where(d => d.Id == document.Id && d.Status == DocumentStatus.Pending)
            .ExecuteUpdateAsync(s => s
                .SetProperty(d => d.Status, DocumentStatus.Stored)
                .SetProperty(d => d.Size, size)
                .SetProperty(d => d.Sha256, sha256)
                .SetProperty(d => d.CreatedAt, now)
                .SetProperty(d => d.ExpiresAt, expires)
                .SetProperty(d => d.DossierId, dossierId)
                .SetProperty(d => d.DossierCode, dossierCode)
                .SetProperty(d => d.AgencyCode, agencyCode), CancellationToken.None);
        (document.Status, document.Size, document.Sha256, document.CreatedAt, document.ExpiresAt) =
            (DocumentStatus.Stored, size, sha256, now, expires);
        (document.DossierId, document.DossierCode, document.AgencyCode) = (dossierId, dossierCode, agencyCode);
        return updated == 1;
    }

    /// <summary>Whole microseconds, what PostgreSQL keeps, so the answer to the upload equals later reads.</summary>
    DateTime Now()
    {
        var now = time.GetUtcNow().UtcDateTime;
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond));
    }

    /// <summary>Object first, then row: if this fails halfway, the Pending row still leads the sweep to the object.</summary>
    async Task RemoveAsync(Document document)
    {
        try
        {
            await store.DeleteAsync(document.StorageKey, CancellationToken.None);
            await db.Documents.Where(d => d.Id == document.Id).ExecuteDeleteAsync(CancellationToken.None);
        }
        catch (Exception e)
        {
            log.LogWarning(e, "Could not remove failed upload {DocumentId}; the expiry sweep will", document.Id);
        }
    }
}
