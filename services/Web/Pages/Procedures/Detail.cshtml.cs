using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using PublicServices.ServiceDefaults;
using PublicServices.Web.Clients;
using PublicServices.Web.Resources;

namespace PublicServices.Web.Pages.Procedures;

/// <summary>
/// The start page of a procedure: what it is, who handles it, what it costs and how long it takes, the documents to
/// have ready and the legal basis, then one "Start now" button that opens a draft (kept on the server, so it can be
/// resumed on any device).
/// </summary>
public sealed class DetailModel(CatalogReads catalog, IDossiersClient dossiers, IStringLocalizer<Messages> text) : PortalPage(text)
{
    public Procedure Procedure { get; private set; } = null!;
    public string AgencyName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string code) => await LoadAsync(code) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string code)
    {
        if (User.Identity?.IsAuthenticated != true)
            return Redirect("/signin?returnUrl=" + Uri.EscapeDataString($"/procedures/{code}"));
        if (!await LoadAsync(code))
            return NotFound();
        if (!User.IsInRole(Roles.Citizen) && !User.IsInRole(Roles.Business))
        {
            AddError("", Text["Procedure.ApplicantsOnly"]);
            return Invalid();
        }
        var empty = JsonSerializer.SerializeToElement(new { });
        var created = await dossiers.CreateDraftAsync(new DraftRequest(code, empty, [], null), HttpContext.RequestAborted);
        if (created.Content is not { } draft)
        {
            AddProblem(created.Error);
            return Invalid();
        }
        return Redirect($"/applications/{draft.Id}/form");
    }

    async Task<bool> LoadAsync(string code)
    {
        if (await catalog.ProcedureAsync(code, HttpContext.RequestAborted) is not { } procedure)
            return false;
        Procedure = procedure;
        AgencyName = await catalog.AgencyNameAsync(procedure.AgencyCode, HttpContext.RequestAborted);
        return true;
    }
}
