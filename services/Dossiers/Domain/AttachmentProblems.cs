using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using PublicServices.Dossiers.Clients;
using PublicServices.Dossiers.Data;
using PublicServices.Dossiers.Resources;
using PublicServices.ServiceDefaults;

namespace PublicServices.Dossiers.Domain;

/// <summary>What the applicant is told when the documents service does not attach their uploads, and the attached documents as stored.</summary>
public static class AttachmentProblems
{
    /// <summary>
    /// The field errors of a refusal the applicant can fix, else null: an unknown or expired upload under "documents";
    /// an upload made for another required document under "documents[REQ]", REQ being the one it was filed under here.
    /// </summary>
    public static Dictionary<string, string[]>? FieldErrors(Attachment attachment, IReadOnlyList<DocumentRef> claimed, IStringLocalizer<Messages> text)
    {
        if (attachment.Refusal == AttachmentRefusal.OtherPurpose)
        {
            var fields = claimed.Where(d => attachment.Refused.Contains(d.DocumentId)).Select(d => $"documents[{d.RequirementCode}]").Distinct().ToList();
            return (fields.Count > 0 ? fields : ["documents"]).ToDictionary(f => f, _ => new[] { text["Documents.OtherPurpose"].Value }, StringComparer.Ordinal);
        }
        var message = attachment.Refusal switch
        {
            AttachmentRefusal.NotFoundOrNotYours => text["Documents.NotFoundOrNotYours"].Value,
            AttachmentRefusal.Expired => text["Documents.Expired"].Value,
            _ => null,
        };
        return message is null ? null : new Dictionary<string, string[]>(StringComparer.Ordinal) { ["documents"] = [message] };
    }

    /// <summary>The answer to a refusal with no field message: a conflict, or <paramref name="unavailable"/>.</summary>
    public static ProblemHttpResult Problem(AttachmentRefusal refusal, IStringLocalizer<Messages> text, ProblemHttpResult unavailable) =>
        refusal == AttachmentRefusal.AttachedElsewhere ? Problems.Problem(StatusCodes.Status409Conflict, text["Documents.AttachedElsewhere"]) : unavailable;

    /// <summary>The uploads of a submission as the documents service checks them: each with the requirement it is filed under.</summary>
    public static List<FiledUpload> Filed(this IEnumerable<DocumentRef> claimed) => [.. claimed.Select(d => new FiledUpload(d.DocumentId, d.RequirementCode ?? ""))];

    /// <inheritdoc cref="Filed(IEnumerable{DocumentRef})"/>
    public static List<FiledUpload> Filed(this IEnumerable<DossierDocument> attached) => [.. attached.Select(d => new FiledUpload(d.DocumentId, d.RequirementCode))];

    /// <summary>A confirmed upload as the dossier keeps it.</summary>
    public static DossierDocument AsStored(this AttachedDocument d) => new(d.RequirementCode, d.Id, d.FileName, d.ContentType, d.Size, d.Sha256);
}
