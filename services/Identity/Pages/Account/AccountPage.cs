using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PublicServices.WebUi;

namespace PublicServices.Identity.Pages.Account;

/// <summary>
/// What the account pages share: the address to return to (kept only when it is on this site, and carried from page
/// to page) and the messages of a failed post, shown by their fields and in the error summary. Each page states who
/// may open it.
/// </summary>
public abstract class AccountPage : PageModel
{
    /// <summary>From the query on a GET, from the hidden field on a POST.</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? LocalReturnUrl => AccountPaths.LocalOrNull(ReturnUrl);

    /// <summary>Field name → messages, in the order of the fields on the page.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public IReadOnlyList<ErrorLink> ErrorLinks => [.. Errors.SelectMany(e => e.Value.Select(m => new ErrorLink(e.Key, m)))];

    /// <summary>Another account page (or this one, for its form), still knowing where to return.</summary>
    public string WithReturnUrl(string path) => AccountPaths.WithReturnUrl(path, LocalReturnUrl);

    /// <summary>Done: back to where the person came from, or <paramref name="otherwise"/>.</summary>
    protected RedirectResult Return(string otherwise = "/") => Redirect(LocalReturnUrl ?? otherwise);

    /// <summary>A login step that must wait: 429 with Retry-After, and the message (saying how long) on <paramref name="field"/>.</summary>
    protected PageResult Throttled(string field, string message, TimeSpan wait)
    {
        Response.Headers.RetryAfter = Domain.LoginDelay.Seconds(wait).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Invalid(new() { [field] = [message] }, StatusCodes.Status429TooManyRequests);
    }

    /// <summary>The page again with its messages (its title then says so first).</summary>
    protected PageResult Invalid(Dictionary<string, string[]> errors, int? status = null)
    {
        Errors = errors;
        ViewData["HasErrors"] = true;
        return new PageResult { StatusCode = status };
    }
}
