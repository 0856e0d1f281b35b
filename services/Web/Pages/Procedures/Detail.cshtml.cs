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
public sealed class DetailModel(CatalogReads catalog, IDossiersClient dossiers, ISatisfactionClient satisfaction, IStringLocalizer<Messages> text,
    ILogger<DetailModel> log) : PortalPage(text)
{
    public Procedure Procedure { get; private set; } = null!;
    public string AgencyName { get; private set; } = "";
    /// <summary>The handling agency's satisfaction figure, or null while the dossiers service cannot tell it.</summary>
    public SatisfactionFigure? Satisfaction { get; private set; }

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
        Satisfaction = await SatisfactionAsync(procedure.AgencyCode);
        return true;
    }

    /// <summary>The page is read without the figure when the dossiers service is down: it is a detail, not the page's purpose.</summary>
    async Task<SatisfactionFigure?> SatisfactionAsync(string agencyCode)
    {
        try
        {
            var answer = await satisfaction.AgencyAsync(agencyCode, HttpContext.RequestAborted);
            return answer.Content?.AllTime;
        }
        catch (HttpRequestException e)
        {
            log.LogWarning(e, "No satisfaction figure for agency {AgencyCode}", agencyCode);
            return null;
        }
    }
}
