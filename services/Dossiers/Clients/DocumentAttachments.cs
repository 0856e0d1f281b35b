using System.Net;
using System.Text.Json;
using Refit;

namespace PublicServices.Dossiers.Clients;

/// <summary>Why the documents service did not attach uploads.</summary>
public enum AttachmentRefusal
{
    /// <summary>An upload is unknown, someone else's, or not valid for this (404, 403, 400).</summary>
    NotFoundOrNotYours,
    /// <summary>An upload expired before it was attached (422).</summary>
    Expired,
    /// <summary>An upload is already attached to another dossier (409).</summary>
    AttachedElsewhere,
    /// <summary>An upload was made for another procedure or required document (422, reason otherPurpose).</summary>
    OtherPurpose,
    /// <summary>The documents service could not be asked, or answered something else: try again later.</summary>
    Unavailable,
}

/// <summary>An upload and the required document (thành phần hồ sơ) a dossier files it under.</summary>
public sealed record FiledUpload(Guid DocumentId, string RequirementCode);

/// <summary>
/// What an attachment did: the uploads as the documents service confirmed them (in the order asked), or why not and,
/// where it said, which uploads it refused.
/// </summary>
public sealed record Attachment(IReadOnlyList<AttachedDocument> Documents, AttachmentRefusal? Refusal)
{
    public IReadOnlyList<Guid> Refused { get; init; } = [];
}

/// <summary>
/// The documents service's side of a dossier's documents: attaching the applicant's uploads to it (idempotent for
/// the same dossier, so a retry is safe), handing them back when the dossier was never stored, and telling it the
/// code that won a race on the same Idempotency-Key. The last two are best effort: a failure is logged.
/// </summary>
public sealed class DocumentAttachments(IDocumentsApi documents, ILogger<DocumentAttachments> logger)
{
    /// <param name="claimed">Each upload with the requirement the dossier files it under: the documents service refuses an upload made for another.</param>
    public async Task<Attachment> AttachAsync(Guid dossierId, string code, string applicantId, string agencyCode, string procedureCode,
        IReadOnlyList<FiledUpload> claimed, CancellationToken cancel)
    {
        if (claimed.Count == 0)
            return new([], null);
        IReadOnlyList<Guid> documentIds = [.. claimed.Select(d => d.DocumentId)];
        IApiResponse<List<AttachedDocument>> response;
        try
        {
            response = await documents.AttachAsync(Request(dossierId, code, applicantId, agencyCode, procedureCode, claimed), cancel);
        }
        catch (Exception e) when (!cancel.IsCancellationRequested)
        {
            logger.LogWarning(e, "Documents service unavailable while attaching documents to {Code}", code);
            return new([], AttachmentRefusal.Unavailable);
        }
        using (response)
        {
            switch (response.StatusCode)
            {
                case HttpStatusCode.OK when response.Content is { } confirmed && documentIds.All(id => confirmed.Any(d => d.Id == id)):
                    return new([.. documentIds.Select(id => confirmed.First(d => d.Id == id))], null);
                case HttpStatusCode.NotFound or HttpStatusCode.Forbidden or HttpStatusCode.BadRequest:
                    return new([], AttachmentRefusal.NotFoundOrNotYours);
                case HttpStatusCode.UnprocessableEntity when OtherPurpose((response.Error as ApiException)?.Content) is { } refused:
                    return new([], AttachmentRefusal.OtherPurpose) { Refused = refused };
                case HttpStatusCode.UnprocessableEntity:
                    return new([], AttachmentRefusal.Expired);
                case HttpStatusCode.Conflict:
                    return new([], AttachmentRefusal.AttachedElsewhere);
                default:
                    logger.LogWarning(response.Error, "Documents service answered {Status} while attaching documents to {Code}", (int?)response.StatusCode, code);
                    return new([], AttachmentRefusal.Unavailable);
            }
        }
    }

    static AttachDocumentsRequest Request(Guid dossierId, string code, string applicantId, string agencyCode, string procedureCode,
        IEnumerable<FiledUpload> claimed)
    {
        // The rules before this refuse an upload claimed twice; the first claim is the one checked.
        var requirements = claimed.DistinctBy(d => d.DocumentId).ToDictionary(d => d.DocumentId, d => d.RequirementCode);
        return new(dossierId, code, applicantId, agencyCode, [.. requirements.Keys], procedureCode, requirements);
    }

    /// <summary>The uploads of a 422 whose reason is otherPurpose; null for any other 422.</summary>
    static List<Guid>? OtherPurpose(string? problem)
    {
        try
        {
            using var json = JsonDocument.Parse(problem ?? "");
            var root = json.RootElement;
            return root.TryGetProperty("reason", out var reason) && reason.ValueEquals("otherPurpose")
                && root.TryGetProperty("documentIds", out var ids) && ids.ValueKind == JsonValueKind.Array
                ? [.. ids.EnumerateArray().Select(id => id.GetGuid())]
                : null;
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Frees the uploads attached to a dossier id that no dossier has, so the applicant can submit them again.</summary>
    public async Task ReleaseAsync(Guid dossierId, string applicantId)
    {
        try
        {
            using var response = await documents.ReleaseAsync(new ReleaseDocumentsRequest(dossierId, applicantId));
            if (!response.IsSuccessStatusCode)
                logger.LogWarning("Documents service answered {Status} when asked to release the uploads of {Dossier}", (int?)response.StatusCode, dossierId);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not release the uploads of dossier {Dossier}, which was not stored", dossierId);
        }
    }

    /// <summary>
    /// Attaches the same uploads again under the code of the dossier that won a race on the same derived id: each
    /// attempt attached them with its own code, and the documents service keeps the last one it was sent.
    /// </summary>
    public async Task ReassertCodeAsync(Guid dossierId, string winnerCode, string applicantId, string agencyCode, string procedureCode,
        IReadOnlyList<FiledUpload> attached)
    {
        try
        {
            using var response = await documents.AttachAsync(Request(dossierId, winnerCode, applicantId, agencyCode, procedureCode, attached));
            if (!response.IsSuccessStatusCode)
                logger.LogWarning("Documents service answered {Status} when given the code {Code} again", (int?)response.StatusCode, winnerCode);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not give the documents service the code of dossier {Dossier} again", dossierId);
        }
    }
}
