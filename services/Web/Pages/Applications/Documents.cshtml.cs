using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using PublicServices.Web.Apis;
using PublicServices.Web.Clients;
using PublicServices.Web.Resources;

namespace PublicServices.Web.Pages.Applications;

/// <summary>
/// One upload control per required document, with its accepted types and size limit stated before the choice. The
/// upload itself goes to <see cref="FileEndpoints"/> (streamed, with a progress bar when scripts run); this page shows
/// what each document holds and removes one.
/// </summary>
public sealed class DocumentsModel(IDossiersClient dossiers, CatalogReads catalog, IDocumentsClient documents, IStringLocalizer<Messages> text)
    : ApplicationPage(dossiers, catalog, text, documents)
{
    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id))
            return NotFound();
        await ShowAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid id, string requirement)
    {
        if (!await LoadAsync(id))
            return NotFound();
        var saved = await SaveAsync(Draft.FormData, [.. Draft.Documents.Where(d => d.RequirementCode != requirement)]);
        if (!saved.IsSuccessStatusCode)
        {
            AddProblem(saved.Error);
            await ShowAsync();
            return Invalid();
        }
        return Redirect($"/applications/{id}/documents");
    }

    /// <summary>Moving on needs every mandatory document.</summary>
    public async Task<IActionResult> OnPostContinueAsync(Guid id)
    {
        if (!await LoadAsync(id))
            return NotFound();
        foreach (var r in Procedure.RequiredDocuments.Where(r => r.Mandatory && Draft.Documents.All(d => d.RequirementCode != r.Code)))
            AddError("file-" + r.Code, Text["Upload.Missing", Domain.Display.Pick(r.NameVi, r.NameEn)]);
        if (Errors.Count == 0)
            return Redirect($"/applications/{id}/review");
        await ShowAsync();
        return Invalid();
    }

    async Task ShowAsync()
    {
        await LoadUploadsAsync();
        foreach (var r in Procedure.RequiredDocuments)
            if (TempData[FileEndpoints.UploadMessageKey(r.Code)] is string message)
                AddError("file-" + r.Code, message);
    }
}
