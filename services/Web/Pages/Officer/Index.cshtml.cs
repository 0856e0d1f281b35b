using Microsoft.Extensions.Localization;
using PublicServices.Web.Clients;
using PublicServices.Web.Resources;

namespace PublicServices.Web.Pages.Officer;

/// <summary>The officer's inbox: the open tasks of their agency and roles, earliest deadline first, with filters and search.</summary>
public sealed class IndexModel(IWorkflowClient workflow, TimeProvider clock, IStringLocalizer<Messages> text) : PortalPage(text)
{
    public const int PageSize = 25;
    public TaskPage Tasks { get; private set; } = new([], 1, PageSize, false);
    public string? Q { get; private set; }
    public bool Overdue { get; private set; }
    public bool Mine { get; private set; }
    public DateTimeOffset Now { get; } = clock.GetUtcNow();

    public async Task OnGetAsync(string? q, bool? overdue, bool? mine, int? page)
    {
        (Q, Overdue, Mine) = (string.IsNullOrWhiteSpace(q) ? null : q.Trim(), overdue == true, mine == true);
        Tasks = await workflow.TasksAsync(Overdue ? true : null, Mine ? true : null, Q, PageNumberOf(page), PageSize, HttpContext.RequestAborted);
    }

    public string PageLink(int page) => Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/officer",
        new Dictionary<string, string?> { ["q"] = Q, ["overdue"] = Overdue ? "true" : null, ["mine"] = Mine ? "true" : null, ["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture) }
            .Where(p => p.Value is not null));
}
