using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using PublicServices.Web.Clients;
using PublicServices.Web.Resources;

namespace PublicServices.Web.Pages.Dossiers;

/// <summary>The confirmation: the dossier's code in a panel, what happens next, the due date, a QR code of the public lookup.</summary>
public sealed class ReceiptModel(IDossiersClient dossiers, IStringLocalizer<Messages> text) : PortalPage(text)
{
    public Dossier Dossier { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var found = await dossiers.GetAsync(id, HttpContext.RequestAborted);
        if (found.Content is not { } d)
            return NotFound();
        Dossier = d;
        return Page();
    }
}
