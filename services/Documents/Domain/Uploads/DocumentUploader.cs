using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using PublicServices.Contracts.Catalog;
using PublicServices.Documents.Data;
using PublicServices.Documents.Domain.Structure;
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
    /// <summary>The name carries a path or control characters: no browser sends that for a file a person picked.</summary>
    public sealed record BadFileName : UploadOutcome;
    public sealed record Malformed : UploadOutcome;
    public sealed record NotAccepted(string? SniffedType) : UploadOutcome;
    public sealed record TooLarge(long MaxBytes) : UploadOutcome;
    /// <summary>The first bytes say this type, but the whole file does not parse as one.</summary>
    public sealed record Unreadable(string SniffedType) : UploadOutcome;
    /// <summary>The user already has this many uploads in flight.</summary>
    public sealed record TooManyAtOnce(int Limit) : UploadOutcome;
    /// <summary>The user's unattached uploads would pass this many bytes.</summary>
    public sealed record QuotaExceeded(long QuotaBytes) : UploadOutcome;
    /// <summary>Every upload place of this process is taken: try again after the given time.</summary>
    public sealed record Busy(TimeSpan RetryAfter) : UploadOutcome;
    /// <summary>The body arrived slower than the minimum rate.</summary>
    public sealed record TooSlow : UploadOutcome;
}

/// <summary>
/// Streams one multipart file part into object storage: the body is read section by section with MultipartReader
/// (no form buffering), the type is sniffed from the first bytes before anything is stored, and the bytes are
/// hashed and counted on their way to the store, and copied to a temporary file (on disk, not in memory) on which
/// the whole file's structure is checked once it has arrived (<see cref="FileStructure"/>). Any failure or refusal
/// after the Pending row is written removes the object and the row, so nothing half-written stays behind.
/// Before a byte is read, the upload takes a place in this process (<see cref="UploadPlaces"/>) and one of the user's
/// slots (<see cref="UploadSlots"/>), its size limit shrinks to what is left of the user's quota, and Kestrel is told
/// the minimum data rate, all from <see cref="DocumentsOptions"/>.
/// </summary>
public sealed class DocumentUploader(DocumentsDb db, IObjectStore store, UploadPlaces places, UploadSlots slots,
    IOptions<DocumentsOptions> options, TimeProvider time, ILogger<DocumentUploader> log)
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
        var limits = options.Value;
        // The process's place first: it bounds the user slots' database connections too.
        using var place = await places.TakeAsync(cancel);
        if (place is null)
            return new UploadOutcome.Busy(limits.BusyRetryAfter);
        await using var slot = await slots.TakeAsync(target.OwnerId, cancel);
        if (slot is null)
            return new UploadOutcome.TooManyAtOnce(limits.UploadsPerUser);
        var maxBytes = target.MaxBytes;
        var quotaBound = false;
        // An officer's file belongs to a dossier from the start: the quota is on uploads nobody has claimed.
        if (target.Dossier is null)
        {
            var left = limits.UnattachedBytesPerUser - await UnattachedBytesAsync(target.OwnerId, cancel);
            if (left <= 0 || request.ContentLength > left + MultipartOverhead)
                return new UploadOutcome.QuotaExceeded(limits.UnattachedBytesPerUser);
            (maxBytes, quotaBound) = left < maxBytes ? (left, true) : (maxBytes, false);
        }

        // Kestrel's global limit (30 MB) stays for every other route; this request may carry the requirement's maximum.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
            sizeFeature.MaxRequestBodySize = bodyLimit;
        if (request.HttpContext.Features.Get<IHttpMinRequestBodyDataRateFeature>() is { } rateFeature)
            rateFeature.MinDataRate = new Microsoft.AspNetCore.Server.Kestrel.Core.MinDataRate(limits.MinUploadBytesPerSecond, limits.MinUploadRateGrace);

        var reader = new MultipartReader(boundary, request.Body);
        Document? document = null;
        await using var spool = new FileStream(Path.Combine(Path.GetTempPath(), $"ps-upload-{Guid.NewGuid():N}"), FileMode.CreateNew,
            FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.Asynchronous | FileOptions.DeleteOnClose);
        try
        {
            var (section, rawName) = await NextFileAsync(reader, cancel);
            if (section is null)
                return new UploadOutcome.NoFile();
            if (FileNames.IsHostile(rawName))
                return new UploadOutcome.BadFileName();

            var header = new byte[ContentSniffer.HeaderLength];
            var headerLength = await section.Body.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancel);
            if (headerLength == 0)
                return new UploadOutcome.EmptyFile();
            var contentType = ContentSniffer.Sniff(header.AsSpan(0, headerLength));
            if (contentType is null || !ContentSniffer.IsAccepted(contentType, target.AcceptedTypes))
                return new UploadOutcome.NotAccepted(contentType);

            document = await InsertPendingAsync(target, FileNames.Sanitize(rawName, contentType), contentType, cancel);
            using var metered = new MeteredStream(header.AsMemory(0, headerLength), section.Body, maxBytes, spool);
            await store.PutAsync(document.StorageKey, metered, contentType, cancel);

            // One file per request: a second one is refused rather than silently dropped.
            if ((await NextFileAsync(reader, cancel)).Section is not null)
            {
                await RemoveAsync(document);
                return new UploadOutcome.MoreThanOneFile();
            }
            await spool.FlushAsync(cancel);
            if (!FileStructure.IsValid(contentType, spool))
            {
                await RemoveAsync(document);
                return new UploadOutcome.Unreadable(contentType);
            }
            return await MarkStoredAsync(document, target.Dossier, metered.BytesRead, metered.Sha256Hex())
                ? new UploadOutcome.Uploaded(document)
                : throw new InvalidOperationException($"Upload {document.Id} was claimed by the expiry sweep before it completed");
        }
        catch (Exception e)
        {
            if (document is not null)
                await RemoveAsync(document);
            if (e is UploadTooLargeException && quotaBound)
                return new UploadOutcome.QuotaExceeded(limits.UnattachedBytesPerUser);
            if (e is UploadTooLargeException or BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
                return new UploadOutcome.TooLarge(target.MaxBytes);
            if (e is BadHttpRequestException { StatusCode: StatusCodes.Status408RequestTimeout })
                return new UploadOutcome.TooSlow();
            // A broken multipart body, or one that ends early.
            if (e is InvalidDataException or BadHttpRequestException)
                return new UploadOutcome.Malformed();
            throw;
        }
    }

    /// <summary>A body that ends before its boundary reads as a broken multipart body.</summary>
    static async Task<MultipartSection?> NextSectionAsync(MultipartReader reader, CancellationToken cancel)
    {
        try
        {
            return await reader.ReadNextSectionAsync(cancel);
        }
        catch (IOException e) when (!cancel.IsCancellationRequested)
        {
            throw new InvalidDataException("The multipart body ended before its boundary", e);
        }
    }

    /// <summary>Skips plain form fields (MultipartReader drains them) up to the first part that carries a file.</summary>
    static async Task<(MultipartSection? Section, string? FileName)> NextFileAsync(MultipartReader reader, CancellationToken cancel)
    {
        while (await NextSectionAsync(reader, cancel) is { } section)
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

    /// <summary>What the user keeps in uploads no dossier has claimed and that have not expired.</summary>
    async Task<long> UnattachedBytesAsync(string ownerId, CancellationToken cancel)
    {
        var now = Now();
        return await db.Documents
            .Where(d => d.OwnerId == ownerId && d.DossierId == null && d.Status == DocumentStatus.Stored && d.ExpiresAt > now)
            .SumAsync(d => d.Size, cancel);
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
