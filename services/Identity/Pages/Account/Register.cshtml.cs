using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using PublicServices.Identity.Data;
using PublicServices.Identity.Domain;

namespace PublicServices.Identity.Pages.Account;

/// <summary>
/// A citizen's registration through the same <see cref="CitizenRegistrar"/> as the API, signed in at once. A number or
/// e-mail already taken answers 409 like the API; the typed values come back, the password never does.
/// </summary>
[AllowAnonymous]
public sealed class RegisterModel(CitizenRegistrar registrar, SignInManager<ApplicationUser> signIn) : AccountPage
{
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
        switch (await registrar.RegisterAsync(input, HttpContext.RequestAborted))
        {
            case RegistrationOutcome.Registered r:
                await signIn.SignInAsync(r.User, isPersistent: false);
                return Return();
            case RegistrationOutcome.Invalid i:
                return Invalid(i.Errors);
            case RegistrationOutcome.Taken t:
                return Invalid(t.Errors, StatusCodes.Status409Conflict);
            default:
                throw new InvalidOperationException("Unknown registration outcome.");
        }
    }
}
