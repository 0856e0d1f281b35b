using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using PublicServices.Contracts.Dossiers;
using PublicServices.Web.Clients;
using PublicServices.Web.Domain;
using PublicServices.Web.Resources;

namespace PublicServices.Web.Pages.Dossiers;

/// <summary>
/// A dossier for its applicant: status timeline, due date, answers, documents, and the answer to a supplement request
/// (files and a note, sent by <see cref="Apis.FileEndpoints"/>). Anyone else's dossier is not found: the dossiers
/// service decides, and answers 404 rather than revealing that it exists.
/// </summary>
public sealed class DetailModel(IDossiersClient dossiers, ICatalogClient catalog, IStringLocalizer<Messages> text) : PortalPage(text)
{
    public Dossier Dossier { get; private set; } = null!;
    public Procedure? Procedure { get; private set; }
    public FormModel? Form { get; private set; }
    public string? Notice { get; private set; }
    public string SupplementNote { get; private set; } = "";

    /// <summary>A supplement is asked for and not yet answered.</summary>
    public bool AwaitsSupplement => Dossier.Status.Code == (int)DossierStatus.SupplementRequested && Dossier.SupplementRequest is not null;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var found = await dossiers.GetAsync(id, HttpContext.RequestAborted);
        if (found.Content is not { } d)
            return NotFound();
        Dossier = d;
        if ((await catalog.GetAsync(d.ProcedureCode, HttpContext.RequestAborted)).Content is { } p)
            (Procedure, Form) = (p, FormModel.From(p.FormSchema));
        Notice = TempData["Notice"] as string;
        SupplementNote = TempData["SupplementNote"] as string ?? "";
        if (TempData["SupplementErrors"] is string errors)
            foreach (var (field, message) in JsonSerializer.Deserialize<Dictionary<string, string>>(errors) ?? [])
                AddError(field == "note" ? "note" : "supplement-" + field, message);
        return Errors.Count > 0 ? Invalid() : Page();
    }

    public string RequirementName(string code) =>
        Procedure?.RequiredDocuments.FirstOrDefault(r => r.Code == code) is { } r ? Display.Pick(r.NameVi, r.NameEn) : code;
}
