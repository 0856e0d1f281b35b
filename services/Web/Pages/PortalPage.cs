using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using PublicServices.Web.Resources;
using PublicServices.WebUi;
using Refit;

namespace PublicServices.Web.Pages;

/// <summary>What every page of the portal shares: its texts, the messages of a failed post and how an API's refusal reads.</summary>
public abstract class PortalPage(IStringLocalizer<Messages> text) : PageModel
{
    protected IStringLocalizer<Messages> Text { get; } = text;

    /// <summary>
    /// A list page's <c>?page=</c>: from 1 to 9999 (no list is that long; the APIs refuse pages whose offset would not
    /// fit an int), anything else is the first page rather than an error.
    /// </summary>
    protected static int PageNumberOf(int? page) => page is > 0 and < 10_000 ? page.Value : 1;

    /// <summary>Field name → messages, from a failed post; the page shows them by their fields and in the error summary.</summary>
    public Dictionary<string, List<string>> Errors { get; } = new(StringComparer.Ordinal);

    /// <summary>The error summary's entries, in the order the fields come on the page (messages of no field first).</summary>
    public virtual IReadOnlyList<ErrorLink> ErrorLinks => [.. Errors.SelectMany(e => e.Value.Select(m => new ErrorLink(e.Key.Length == 0 ? null : e.Key, m)))];

    public void AddError(string field, string message)
    {
        if (!Errors.TryGetValue(field, out var list)) Errors[field] = list = [];
        if (!list.Contains(message)) list.Add(message);
    }

    /// <summary>Adds the field messages of a problem+json answer; <paramref name="prefix"/> is taken off their paths.</summary>
    public void AddProblem(ApiExceptionBase? error, string prefix = "")
    {
        var content = (error as ApiException)?.Content;
        var added = false;
        if (!string.IsNullOrEmpty(content))
        {
            try
            {
                using var doc = System.Text.Json.JsonDocument.Parse(content);
                if (doc.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == System.Text.Json.JsonValueKind.Object)
                    foreach (var field in errors.EnumerateObject())
                        foreach (var m in field.Value.EnumerateArray())
                        {
                            AddError(field.Name.StartsWith(prefix, StringComparison.Ordinal) ? field.Name[prefix.Length..] : field.Name, m.GetString() ?? "");
                            added = true;
                        }
            }
            catch (System.Text.Json.JsonException)
            {
            }
        }
        if (!added)
            AddError("", Apis.FileEndpoints.ProblemMessage(content, Text));
    }

    /// <summary>The page again with its messages: 400, and the title says there is an error.</summary>
    protected PageResult Invalid()
    {
        ViewData["HasErrors"] = true;
        return new PageResult { StatusCode = StatusCodes.Status400BadRequest };
    }

    public override void OnPageHandlerExecuted(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutedContext context)
    {
        if (Errors.Count > 0) ViewData["HasErrors"] = true;
        base.OnPageHandlerExecuted(context);
    }

    protected IActionResult NotFoundPage() => NotFound();

    /// <summary>A service that could not be reached or did not answer in time (a section of the page then says so).</summary>
    protected static bool Unreachable(Exception e) => e is HttpRequestException or Polly.Timeout.TimeoutRejectedException
        or Polly.CircuitBreaker.BrokenCircuitException or TaskCanceledException { InnerException: TimeoutException };
}
