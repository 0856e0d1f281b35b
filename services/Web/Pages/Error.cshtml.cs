using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace PublicServices.Web.Pages;

/// <summary>The page for an error status (404, 403, 500…), in the person's language, with the way back.</summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public int Status { get; private set; }

    public void OnGet(int? status) => Show(status);

    public void OnPost(int? status) => Show(status);

    void Show(int? status)
    {
        Status = status is >= 400 and < 600 ? status.Value : StatusCodes.Status500InternalServerError;
        Response.StatusCode = Status;
    }

    public string Key => Status switch { 400 => "Error.400", 403 => "Error.403", 404 => "Error.404", 413 => "Error.413", _ => "Error.500" };
}
