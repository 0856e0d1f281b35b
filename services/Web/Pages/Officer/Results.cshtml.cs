using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using PublicServices.Web.Clients;
using PublicServices.Web.Resources;

namespace PublicServices.Web.Pages.Officer;

/// <summary>
/// The one-stop desk's results to send by post: each with the applicant's address, and the form that records its
/// dispatch with the post's tracking number (which returns the result: status 10). Other officers are told the list is
/// the desk's.
/// </summary>
public sealed class ResultsModel(IDocumentsClient documents, IStringLocalizer<Messages> text) : PortalPage(text)
{
    public const int MaxTrackingNumber = 64;
    public IReadOnlyList<ResultDocument> Results { get; private set; } = [];
    public bool DeskOnly { get; private set; }
    public string? Notice { get; private set; }

    /// <summary>The tracking field of one result (a form per result, so its name and id are the result's own).</summary>
    public static string TrackingField(Guid id) => "tracking-" + id.ToString("N");

    public async Task OnGetAsync()
    {
        Notice = TempData["Notice"] as string;
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostDispatchAsync(Guid id)
    {
        var field = TrackingField(id);
        var tracking = Request.Form[field].ToString().Trim();
        if (tracking.Length is 0 or > MaxTrackingNumber || tracking.Any(char.IsControl))
            AddError(field, Text["Dispatch.TrackingNumber", MaxTrackingNumber]);
        else
        {
            var answer = await documents.DispatchAsync(id, new Dispatch(tracking), HttpContext.RequestAborted);
            if (answer.IsSuccessStatusCode)
            {
                TempData["Notice"] = Text["Dispatch.Done", answer.Content!.Code ?? "", tracking].Value;
                return Redirect("/officer/results");
            }
            if (answer.StatusCode == System.Net.HttpStatusCode.NotFound)
                return NotFound();
            AddProblem(answer.Error);
            if (Errors.Remove("trackingNumber", out var messages))
                Errors[field] = messages;
        }
        await LoadAsync();
        return Invalid();
    }

    async Task LoadAsync()
    {
        var answer = await documents.ToPostAsync(HttpContext.RequestAborted);
        DeskOnly = answer.StatusCode == System.Net.HttpStatusCode.Forbidden;
        Results = answer.IsSuccessStatusCode ? answer.Content! : [];
    }
}
