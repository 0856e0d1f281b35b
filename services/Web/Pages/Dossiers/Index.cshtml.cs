using Microsoft.Extensions.Localization;
using PublicServices.Web.Clients;
using PublicServices.Web.Resources;

namespace PublicServices.Web.Pages.Dossiers;

/// <summary>My dossiers: the applications in progress (drafts) and the submitted dossiers, newest first.</summary>
public sealed class IndexModel(IDossiersClient dossiers, CatalogReads catalog, IStringLocalizer<Messages> text) : PortalPage(text)
{
    public const int PageSize = 20;
    public ResultPage<DossierSummary> Dossiers { get; private set; } = new([], 1, PageSize, 0);
    public IReadOnlyList<(DraftSummary Draft, string Name)> Drafts { get; private set; } = [];

    public async Task OnGetAsync(int? page)
    {
        var cancel = HttpContext.RequestAborted;
        Dossiers = await dossiers.ListAsync(PageNumberOf(page), PageSize, cancel);
        if (User.IsInRole(ServiceDefaults.Roles.Citizen) || User.IsInRole(ServiceDefaults.Roles.Business))
        {
            var drafts = (await dossiers.DraftsAsync(cancel)).Items;
            var names = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var code in drafts.Select(d => d.ProcedureCode).Distinct())
                names[code] = await catalog.ProcedureAsync(code, cancel) is { } p ? Domain.Display.Pick(p.NameVi, p.NameEn) : code;
            Drafts = [.. drafts.Select(d => (d, names[d.ProcedureCode]))];
        }
    }
}
