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
    /// <summary>The "documents" field message of a refusal the applicant can fix (an unknown or expired upload), else null.</summary>
    public static string? FieldMessage(AttachmentRefusal refusal, IStringLocalizer<Messages> text) => refusal switch
    {
        AttachmentRefusal.NotFoundOrNotYours => text["Documents.NotFoundOrNotYours"].Value,
        AttachmentRefusal.Expired => text["Documents.Expired"].Value,
        _ => null,
    };

    /// <summary>The answer to a refusal with no field message: a conflict, or <paramref name="unavailable"/>.</summary>
    public static ProblemHttpResult Problem(AttachmentRefusal refusal, IStringLocalizer<Messages> text, ProblemHttpResult unavailable) =>
        refusal == AttachmentRefusal.AttachedElsewhere ? Problems.Problem(StatusCodes.Status409Conflict, text["Documents.AttachedElsewhere"]) : unavailable;

    /// <summary>A confirmed upload as the dossier keeps it.</summary>
    public static DossierDocument AsStored(this AttachedDocument d) => new(d.RequirementCode, d.Id, d.FileName, d.ContentType, d.Size, d.Sha256);
}
