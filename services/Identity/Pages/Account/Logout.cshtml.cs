using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using PublicServices.Identity.Data;

namespace PublicServices.Identity.Pages.Account;

/// <summary>A question and a button: logging out is a POST, so a link or an image elsewhere cannot log anyone out.</summary>
[AllowAnonymous]
public sealed class LogoutModel(SignInManager<ApplicationUser> signIn) : AccountPage
{
    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        return Return(otherwise: AccountPaths.LoginPath);
    }
}
