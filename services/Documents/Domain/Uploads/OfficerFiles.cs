using System.Security.Claims;
using PublicServices.Contracts.Dossiers;
using PublicServices.ServiceDefaults;

namespace PublicServices.Documents.Domain.Uploads;

/// <summary>
/// An officer's file for a dossier of their agency: the working papers of a decision (a scan, a note, a draft). It
/// answers no requirement of the procedure, so its requirement code is empty. It is attached to the dossier from the
/// start, so it never expires and every officer of the agency may read it (<see cref="DocumentAccess"/>); the applicant
/// does not own it and may not. A result meant for the applicant is another kind of document (a later issue).
/// </summary>
public static class OfficerFiles
{
    /// <summary>Scans and letters: what the sniffer recognises.</summary>
    public static readonly IReadOnlyList<string> AcceptedTypes = [ContentSniffer.Pdf, ContentSniffer.Jpeg, ContentSniffer.Png];

    /// <summary>An officer of the dossier's own agency.</summary>
    public static bool MayAddTo(ClaimsPrincipal user, DossierHeader dossier) =>
        user.IsOfficer() && user.AgencyCode() is { } agency && string.Equals(agency, dossier.AgencyCode, StringComparison.Ordinal);

    public static UploadTarget For(string officerId, DossierHeader dossier, long maxBytes) =>
        new(officerId, dossier.ProcedureCode, "", AcceptedTypes, maxBytes) { Dossier = new(dossier.Id, dossier.Code, dossier.AgencyCode) };
}
