using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PublicServices.Contracts.Dossiers;
using PublicServices.Payments.Data;
using PublicServices.Payments.Resources;
using PublicServices.ServiceDefaults;

namespace PublicServices.Payments.Domain.Invoices;

/// <summary>
/// Who may see and pay an invoice: the dossier's applicant, or an officer of the invoice's agency. The payments service
/// does not know applicants by itself: the first time, it asks the dossiers service with the caller's own token (its one
/// rule of who sees a dossier) and records the applicant on the dossier's invoices; later calls compare with that.
/// Anyone else gets 404, so invoice ids cannot be probed.
/// </summary>
public sealed class InvoiceAccess(PaymentsDb db, CallerDossierLookup dossiers, IStringLocalizer<Messages> text)
{
    /// <summary>Null when the caller may act on the dossier's invoices; else the problem to answer.</summary>
    public async Task<ProblemHttpResult?> CheckAsync(ClaimsPrincipal user, Guid dossierId, string? agencyCode, string? applicantId, CancellationToken cancel)
    {
        if (user.IsOfficer())
            return agencyCode is not null && user.AgencyCode() == agencyCode ? null : NotFound();
        var subject = user.SubjectId();
        if (subject is null)
            return NotFound();
        if (applicantId is not null)
            return applicantId == subject ? null : NotFound();
        switch (await dossiers.FindAsync(dossierId, cancel))
        {
            case DossierLookupResult.Found(var dossier) when dossier.ApplicantId is null || dossier.ApplicantId == subject:
                // Recorded once; a concurrent first look writes the same value.
                await db.Invoices.Where(i => i.DossierId == dossierId && i.ApplicantId == null)
                    .ExecuteUpdateAsync(u => u.SetProperty(i => i.ApplicantId, subject), cancel);
                return null;
            case DossierLookupResult.Refused:
                return Problems.Problem(StatusCodes.Status403Forbidden, text["Access.TokenRefused"]);
            case DossierLookupResult.Unavailable:
                return Problems.Problem(StatusCodes.Status503ServiceUnavailable, text["Access.DossiersUnavailable"]);
            default:
                return NotFound();
        }
    }

    public Task<ProblemHttpResult?> CheckAsync(ClaimsPrincipal user, Invoice invoice, CancellationToken cancel) =>
        CheckAsync(user, invoice.DossierId, invoice.AgencyCode, invoice.ApplicantId, cancel);

    ProblemHttpResult NotFound() => Problems.NotFound(text["Invoice.NotFound"]);
}
