using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using PublicServices.Identity.Domain;

namespace PublicServices.Identity.Pages.Account;

/// <summary>
/// A citizen's registration through the same <see cref="CitizenRegistrar"/> as the API. A valid form gets the same
/// "check your e-mail" page whether or not the number or e-mail was taken; nobody is signed in until the mailed link
/// confirms the address. Field errors bring the typed values back, never the password.
/// </summary>
[AllowAnonymous]
public sealed class RegisterModel(CitizenRegistrar registrar) : AccountPage
{
    /// <summary>The form was accepted: the page says to check the mailbox.</summary>
    public bool Sent { get; private set; }

    /// <summary>The demo fallback's confirmation link (embedded mode without a mail server), else null.</summary>
    public Uri? DemoLink { get; private set; }

    [BindProperty]
    public string? FullName { get; set; }

    [BindProperty]
    public string? NationalId { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Phone { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    public async Task<IActionResult> OnPostAsync()
    {
        var input = new CitizenRegistration(FullName, NationalId, Email, Phone, Password);
        switch (await registrar.RegisterAsync(input, LocalReturnUrl, HttpContext.RequestAborted))
        {
            case RegistrationOutcome.Accepted a:
                Sent = true;
                DemoLink = a.DemoLink;
                return Page();
            case RegistrationOutcome.Invalid i:
                return Invalid(i.Errors);
            default:
                throw new InvalidOperationException("Unknown registration outcome.");
        }
    }
}
