using Microsoft.Extensions.Localization;
using PublicServices.Web.Clients;
using PublicServices.Web.Resources;

namespace PublicServices.Web.Pages;

/// <summary>The public status lookup by dossier code: anyone with the code (on the receipt, in its QR code) sees the status, no personal data.</summary>
public sealed class LookupModel(IDossiersClient dossiers, IStringLocalizer<Messages> text) : PortalPage(text)
{
    public string? Code { get; private set; }
    public DossierLookup? Found { get; private set; }

    public async Task<Microsoft.AspNetCore.Mvc.IActionResult> OnGetAsync(string? code)
    {
        // An empty box still sends "?code=", which binds as null: a search without a code, not the first visit.
        if (!Request.Query.ContainsKey("code"))
            return Page();
        Code = code?.Trim() ?? "";
        if (Code.Length == 0)
        {
            AddError("code", Text["Lookup.CodeRequired"]);
            return Invalid();
        }
        var answer = await dossiers.LookupAsync(Code, HttpContext.RequestAborted);
        if (answer.Content is { } found)
            Found = found;
        else if (answer.StatusCode == System.Net.HttpStatusCode.NotFound)
            AddError("code", Text["Lookup.NotFound", Code]);
        else
            AddProblem(answer.Error);
        return Errors.Count > 0 ? Invalid() : Page();
    }
}
