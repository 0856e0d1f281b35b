using Microsoft.Extensions.Localization;
using PublicServices.Web.Clients;
using PublicServices.Web.Domain;
using PublicServices.Web.Resources;
using PublicServices.WebUi;

namespace PublicServices.Web.Pages;

/// <summary>Home: search the published procedures by words (accents optional), agency and service level.</summary>
public sealed class IndexModel(ICatalogClient catalog, CatalogReads reads, IStringLocalizer<Messages> text) : PortalPage(text)
{
    public const int PageSize = 20;

    public string? Q { get; private set; }
    public string? Agency { get; private set; }
    public int? Level { get; private set; }
    public int PageNumber { get; private set; } = 1;
    public ResultPage<ProcedureSummary>? Results { get; private set; }
    public IReadOnlyList<Choice> Agencies { get; private set; } = [];
    public IReadOnlyDictionary<string, string> AgencyNames { get; private set; } = new Dictionary<string, string>();

    public async Task OnGetAsync(string? q, string? agency, string? level, int? page)
    {
        Q = q?.Trim();
        Agency = string.IsNullOrWhiteSpace(agency) ? null : agency;
        Level = level is "3" or "4" ? int.Parse(level, System.Globalization.CultureInfo.InvariantCulture) : null;
        PageNumber = PageNumberOf(page);
        var agencies = Flatten(await reads.AgenciesAsync(HttpContext.RequestAborted), 0).ToList();
        Agencies = [.. agencies.Select(a => new Choice(a.Agency.Code, new string('\u00A0', a.Depth * 2) + Display.Pick(a.Agency.NameVi, a.Agency.NameEn)))];
        AgencyNames = agencies.ToDictionary(a => a.Agency.Code, a => Display.Pick(a.Agency.NameVi, a.Agency.NameEn), StringComparer.Ordinal);
        var found = await catalog.SearchAsync(string.IsNullOrEmpty(Q) ? null : Q, Agency, Level, PageNumber, PageSize, HttpContext.RequestAborted);
        if (found.IsSuccessStatusCode)
            Results = found.Content;
        else
            AddProblem(found.Error);
    }

    static IEnumerable<(Agency Agency, int Depth)> Flatten(IEnumerable<Agency> agencies, int depth) =>
        agencies.SelectMany(a => new[] { (a, depth) }.Concat(Flatten(a.Children, depth + 1)));

    public string PageLink(int page) => Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/",
        new Dictionary<string, string?> { ["q"] = Q, ["agency"] = Agency, ["level"] = Level?.ToString(System.Globalization.CultureInfo.InvariantCulture), ["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture) }
            .Where(p => !string.IsNullOrEmpty(p.Value)));
}
