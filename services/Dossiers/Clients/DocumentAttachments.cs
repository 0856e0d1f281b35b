using System.Net;
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
    /// <summary>The documents service could not be asked, or answered something else: try again later.</summary>
    Unavailable,
}

/// <summary>What an attachment did: the uploads as the documents service confirmed them (in the order asked), or why not.</summary>
public sealed record Attachment(IReadOnlyList<AttachedDocument> Documents, AttachmentRefusal? Refusal);

/// <summary>
/// The documents service's side of a dossier's documents: attaching the applicant's uploads to it (idempotent for
/// the same dossier, so a retry is safe), handing them back when the dossier was never stored, and telling it the
/// code that won a race on the same Idempotency-Key. The last two are best effort: a failure is logged.
/// </summary>
public sealed class DocumentAttachments(IDocumentsApi documents, ILogger<DocumentAttachments> logger)
{
    public async Task<Attachment> AttachAsync(Guid dossierId, string code, string applicantId, string agencyCode, IReadOnlyList<Guid> documentIds,
        CancellationToken cancel)
    {
        if (documentIds.Count == 0)
            return new([], null);
        IApiResponse<List<AttachedDocument>> response;
        try
        {
            response = await documents.AttachAsync(new AttachDocumentsRequest(dossierId, code, applicantId, agencyCode, documentIds), cancel);
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
    public async Task ReassertCodeAsync(Guid dossierId, string winnerCode, string applicantId, string agencyCode, IReadOnlyList<Guid> documentIds)
    {
        try
        {
            using var response = await documents.AttachAsync(new AttachDocumentsRequest(dossierId, winnerCode, applicantId, agencyCode, documentIds));
            if (!response.IsSuccessStatusCode)
                logger.LogWarning("Documents service answered {Status} when given the code {Code} again", (int?)response.StatusCode, winnerCode);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not give the documents service the code of dossier {Dossier} again", dossierId);
        }
    }
}
