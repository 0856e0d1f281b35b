using System.Security.Claims;
using PublicServices.Documents.Data;
using PublicServices.ServiceDefaults;

namespace PublicServices.Documents.Domain;

/// <summary>
/// Who may read a document: its owner, or an officer of the agency of the dossier it was attached to (an applicant's
/// upload is attached when the dossier is submitted, an officer's file when it is stored). Everyone else, the applicant
/// included for an officer's file, is answered 404, as if it did not exist, so ids cannot be probed for existence.
/// </summary>
public static class DocumentAccess
{
    public static bool CanRead(ClaimsPrincipal user, Document document)
    {
        var subject = user.SubjectId();
        if (subject is not null && subject == document.OwnerId)
            return true;
        return document.IsAttached
            && document.AgencyCode is { } agency
            && user.IsOfficer()
            && user.AgencyCode() == agency;
    }
}
